import type { RecipeBlock, WebServer } from "./types";
import { shellQuote } from "./crl-sync-recipe";

/**
 * How the application behind the web server asks Inkan who the client is: the certificate
 * header as the web server passed it (URL-encoded PEM), or ALB's headers as they arrived.
 */
export function identityBlock(publicUrl: string, server: WebServer): RecipeBlock {
  const url = shellQuote(`${publicUrl.replace(/\/+$/, "")}/api/v1/identity`);
  const body = server === "alb"
    ? `jq -n --arg leaf "$X_AMZN_MTLS_CLIENTCERT_LEAF" '{headers: {"X-Amzn-Mtls-Clientcert-Leaf": $leaf}}'`
    : `jq -n --arg pem "$X_SSL_CLIENT_CERT" '{leafPem: $pem}'`;
  const source = server === "alb" ? "X-Amzn-Mtls-Clientcert-* headers (send them all; the leaf is enough)" : "X-SSL-Client-Cert header";
  return {
    id: "identity",
    language: "sh",
    text: `# The application passes the ${source} to Inkan and gets the account and the
# certificate's live status (valid, revoked, expired, unknown, foreign). Any API token role may ask.
curl -fsS -H "Authorization: Bearer $INKAN_TOKEN" -H 'content-type: application/json' \\
  --data-binary "$(${body})" ${url}
`,
  };
}
