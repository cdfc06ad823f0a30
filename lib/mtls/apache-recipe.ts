import type { Recipe } from "./types";
import { crlSyncBlocks, distributionBase, serverFiles, syncScriptPath } from "./crl-sync-recipe";
import { identityBlock } from "./identity-recipe";
import { serverNameOf, serverSyncParams, trustInstallSteps, verifyDepthOf, type ServerRecipeInput } from "./nginx-recipe";

const SSL_REQUIRE_FIELDS = ["O", "OU", "C"] as const;

/**
 * SSLRequire over the chosen subject fields, as in the seed's Apache example. With
 * "optional", an empty value (no certificate) also passes and the application decides.
 */
export function sslRequireExpression(input: ServerRecipeInput): string | null {
  const optional = input.options.verifyClient === "optional";
  const terms = SSL_REQUIRE_FIELDS
    .filter((f) => input.options.requireSubject[f].length > 0)
    .map((f) => {
      // Values were checked to hold no quotes, backslashes or line breaks.
      const values = [...input.options.requireSubject[f], ...(optional ? [""] : [])].map((v) => `"${v}"`);
      return `%{SSL_CLIENT_S_DN_${f}} in {${values.join(", ")}}`;
    });
  return terms.length ? terms.join(" \\\n               and ") : null;
}

function virtualHostAddress(listen: string): string {
  return /^\d+$/.test(listen) ? `*:${listen}` : listen;
}

/** The seed's mod_ssl directives in a virtual host, with the certificate passed on to the application. */
export function apacheVirtualHost(input: ServerRecipeInput): string {
  const { authority, options } = input;
  const dir = options.directory ?? "/etc/apache2/inkan";
  const { caFile, crlFile } = serverFiles(authority, dir);
  const require = sslRequireExpression(input);
  const upstream = options.upstream.endsWith("/") ? options.upstream : `${options.upstream}/`;
  return `# Inkan: client certificates from CA ${authority.slug} (${authority.subject}).
# Apache 2.4 with mod_ssl, mod_headers and mod_proxy_http (a2enmod ssl headers proxy_http).
# Keep the application reachable only through Apache: it trusts the X-SSL-Client-* headers.
<VirtualHost ${virtualHostAddress(options.listen)}>
    ServerName ${serverNameOf(input)}
    SSLEngine on
    SSLCertificateFile    "${options.serverCertificateFile ?? `${dir}/server.pem`}"
    SSLCertificateKeyFile "${options.serverKeyFile ?? `${dir}/server.key`}"

    # The CA of the client certificates (${distributionBase(input.publicUrl)}/${authority.slug}.pem).
    SSLCACertificateFile "${caFile}"
    SSLVerifyDepth ${verifyDepthOf(input)}
    SSLVerifyClient ${options.verifyClient === "optional" ? "optional" : "require"}
    # The CRL, refreshed by ${syncScriptPath(serverSyncParams(input, dir, "Apache", "apachectl -k graceful"))}; Apache 2.4 reads it only with SSLCARevocationCheck.
    SSLCARevocationFile "${crlFile}"
    SSLCARevocationCheck chain

${require
    ? `    <Location "/">
        SSLRequire ${require}
    </Location>
`
    : `    # No subject fields chosen: every valid certificate of ${authority.slug} is accepted.
`}
    # mod_headers replaces any copy a client sent under these names.
    RequestHeader set X-SSL-Client-Verify "%{SSL_CLIENT_VERIFY}s"
    RequestHeader set X-SSL-Client-Cert "%{SSL_CLIENT_CERT}s"
    RequestHeader set X-SSL-Client-Serial "%{SSL_CLIENT_M_SERIAL}s"
    RequestHeader set X-SSL-Client-S-DN "%{SSL_CLIENT_S_DN}s"
    ProxyPass        "/" "${upstream}"
    ProxyPassReverse "/" "${upstream}"
</VirtualHost>
`;
}

export function apacheRecipe(input: ServerRecipeInput): Recipe {
  const dir = input.options.directory ?? "/etc/apache2/inkan";
  const { caFile, crlFile } = serverFiles(input.authority, dir);
  const sync = serverSyncParams(input, dir, "Apache", "apachectl -k graceful");
  const install = `${trustInstallSteps(input, dir, caFile, crlFile)}
a2enmod ssl headers proxy_http
# Save the server certificate and key as ${input.options.serverCertificateFile ?? `${dir}/server.pem`} and ${input.options.serverKeyFile ?? `${dir}/server.key`},
# the configuration below as /etc/apache2/sites-available/inkan-${input.authority.slug}.conf and the refresh script as ${syncScriptPath(sync)}, then:
chmod 0755 ${syncScriptPath(sync)}
a2ensite inkan-${input.authority.slug} && apachectl configtest && apachectl -k graceful
`;
  return {
    server: "apache",
    blocks: [
      { id: "install", language: "sh", text: install },
      { id: "config", path: `/etc/apache2/sites-available/inkan-${input.authority.slug}.conf`, language: "apache", text: apacheVirtualHost(input) },
      ...crlSyncBlocks(sync),
      identityBlock(input.publicUrl, "apache"),
    ],
  };
}
