import type { Recipe, RecipeAuthority, RecipeOptions, RecipeServerCertificate } from "./types";
import { colonThumbprint, crlSyncBlocks, distributionBase, fetchCaCommand, serverFiles, shellQuote, syncScriptPath, type CrlSyncParams } from "./crl-sync-recipe";
import { identityBlock } from "./identity-recipe";

export interface ServerRecipeInput {
  authority: RecipeAuthority;
  /** Inkan's public URL (INKAN_PUBLIC_URL): the distribution point and the identity API. */
  publicUrl: string;
  options: RecipeOptions;
  serverCertificate?: RecipeServerCertificate;
}

export function serverNameOf(input: ServerRecipeInput): string {
  return input.options.serverName ?? input.serverCertificate?.hostnames[0] ?? "www.example.local";
}

export function verifyDepthOf(input: ServerRecipeInput): number {
  // One CA certificate above the leaf per CA in the chain (1 for a root issuing directly).
  return input.options.verifyDepth ?? input.authority.chain.length;
}

/**
 * The nginx server block: ssl_client_certificate, ssl_crl, ssl_verify_client, ssl_verify_depth,
 * and the client certificate passed to the application in X-SSL-Client-* headers.
 */
export function nginxServerBlock(input: ServerRecipeInput): string {
  const { authority, options } = input;
  const dir = options.directory ?? "/etc/nginx/inkan";
  const { caFile, crlFile } = serverFiles(authority, dir);
  const optional = options.verifyClient === "optional";
  return `# Inkan: client certificates from CA ${authority.slug} (${authority.subject}).
# ${caFile}: the CA certificate, from ${distributionBase(input.publicUrl)}/${authority.slug}.pem
# ${crlFile}: its CRL, refreshed by ${syncScriptPath(serverSyncParams(input, dir, "nginx", "nginx -s reload"))} (cron)
# Keep the application reachable only through nginx: it trusts the X-SSL-Client-* headers.
server {
    listen ${options.listen} ssl;
    server_name ${serverNameOf(input)};

    ssl_certificate     ${options.serverCertificateFile ?? `${dir}/server.pem`};
    ssl_certificate_key ${options.serverKeyFile ?? `${dir}/server.key`};

    ssl_client_certificate ${caFile};
    ssl_crl                ${crlFile};
    ssl_verify_client      ${optional ? "optional" : "on"};
    ssl_verify_depth       ${verifyDepthOf(input)};

    location / {
${optional
    ? `        # "optional": a request without a certificate reaches the application with
        # X-SSL-Client-Verify: NONE and the application decides. To refuse it here instead:
        # if ($ssl_client_verify != SUCCESS) { return 403; }
`
    : ""}        # proxy_set_header replaces any copy a client sent under these names.
        proxy_set_header X-SSL-Client-Verify $ssl_client_verify;
        proxy_set_header X-SSL-Client-Cert   $ssl_client_escaped_cert;
        proxy_set_header X-SSL-Client-Serial $ssl_client_serial;
        proxy_set_header X-SSL-Client-S-DN   $ssl_client_s_dn;
        proxy_set_header X-SSL-Client-I-DN   $ssl_client_i_dn;
        proxy_set_header Host              $host;
        proxy_set_header X-Forwarded-Proto https;
        proxy_pass ${options.upstream};
    }
}
`;
}

export function nginxRecipe(input: ServerRecipeInput): Recipe {
  const dir = input.options.directory ?? "/etc/nginx/inkan";
  const { caFile, crlFile } = serverFiles(input.authority, dir);
  const sync = serverSyncParams(input, dir, "nginx", "nginx -s reload");
  const install = `${trustInstallSteps(input, dir, caFile, crlFile)}
# Save the server certificate and key as ${input.options.serverCertificateFile ?? `${dir}/server.pem`} and ${input.options.serverKeyFile ?? `${dir}/server.key`},
# the configuration below as /etc/nginx/conf.d/inkan-${input.authority.slug}.conf and the refresh script as ${syncScriptPath(sync)}, then:
chmod 0755 ${syncScriptPath(sync)}
nginx -t && nginx -s reload
`;
  return {
    server: "nginx",
    blocks: [
      { id: "install", language: "sh", text: install },
      { id: "config", path: `/etc/nginx/conf.d/inkan-${input.authority.slug}.conf`, language: "nginx", text: nginxServerBlock(input) },
      ...crlSyncBlocks(sync),
      identityBlock(input.publicUrl, "nginx"),
    ],
  };
}

/** The CRL refresh parameters of a web server recipe; the reload command can be overridden. */
export function serverSyncParams(input: ServerRecipeInput, directory: string, serverLabel: string, defaultReload: string): CrlSyncParams {
  return { authority: input.authority, publicUrl: input.publicUrl, serverLabel, directory, reloadCommand: input.options.reloadCommand ?? defaultReload, options: input.options };
}

/** First install steps shared by the web server recipes: fetch the CA, compare its thumbprint, fetch the CRL. */
export function trustInstallSteps(input: ServerRecipeInput, dir: string, caFile: string, crlFile: string): string {
  return `install -d -m 0755 ${dir}
${fetchCaCommand(input.authority, input.publicUrl, caFile)}
openssl x509 -in ${caFile} -noout -fingerprint -sha1
# must print: SHA1 Fingerprint=${colonThumbprint(input.authority.sha1Thumbprint)}
curl -fsS -o ${crlFile} ${shellQuote(`${distributionBase(input.publicUrl)}/${input.authority.slug}_crl.pem`)}`;
}
