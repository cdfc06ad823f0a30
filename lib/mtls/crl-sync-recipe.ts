import type { RecipeAuthority, RecipeBlock, RecipeOptions } from "./types";

/** POSIX shell single quotes: safe for any text. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** "AB:CD:…": how `openssl x509 -fingerprint -sha1` prints a thumbprint. */
export function colonThumbprint(hex: string): string {
  return hex.toUpperCase().replace(/(..)(?!$)/g, "$1:");
}

/** Where the CA file and the CRL file live on a Linux web server. */
export function serverFiles(authority: RecipeAuthority, directory: string) {
  return { caFile: `${directory}/${authority.slug}.pem`, crlFile: `${directory}/${authority.slug}_crl.pem` };
}

/** Public distribution point base: `<public URL>/crl`. */
export function distributionBase(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/crl`;
}

/** Shell that writes the CA certificate (and its issuers) to `caFile`. */
export function fetchCaCommand(authority: RecipeAuthority, publicUrl: string, caFile: string): string {
  const base = distributionBase(publicUrl);
  if (authority.chain.length === 1) return `curl -fsS -o ${caFile} ${shellQuote(`${base}/${authority.slug}.pem`)}`;
  return `for ca in ${authority.chain.join(" ")}; do curl -fsS ${shellQuote(base)}"/$ca.pem"; done > ${caFile}`;
}

export interface CrlSyncParams {
  authority: RecipeAuthority;
  publicUrl: string;
  /** "nginx" or "Apache": named in comments. */
  serverLabel: string;
  directory: string;
  reloadCommand: string;
  options: Pick<RecipeOptions, "schedule" | "syncScriptPath">;
}

export function syncScriptPath(p: CrlSyncParams): string {
  return p.options.syncScriptPath ?? `/usr/local/sbin/inkan-crl-sync-${p.authority.slug}`;
}

/**
 * The script cron runs: download the CRL of the CA (and of its issuers, which nginx and
 * Apache's "chain" check also want), accept it only if the CA signed it, and reload the web
 * server only when it changed. A failure keeps the current file and exits 1 so cron mails it.
 */
export function crlSyncScript(p: CrlSyncParams): string {
  const { crlFile, caFile } = serverFiles(p.authority, p.directory);
  return `#!/bin/sh
# Inkan: refresh ${p.serverLabel}'s copy of the CRL of CA ${p.authority.slug} and reload ${p.serverLabel} when it changed.
# Inkan republishes the CRL on every revocation; a revoked certificate is refused here from the next run.
# ${p.serverLabel} refuses every client once the local CRL passes its nextUpdate, so keep this running.
set -eu
# cron's PATH lacks /usr/sbin, where nginx and apachectl live.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
base=${shellQuote(distributionBase(p.publicUrl))}
crl=${shellQuote(crlFile)}
ca=${shellQuote(caFile)}
tmp=$(mktemp "$crl.XXXXXX")
trap 'rm -f "$tmp" "$tmp.one"' EXIT
for slug in ${p.authority.chain.join(" ")}; do
  curl -fsS --max-time 30 -o "$tmp.one" "$base/\${slug}_crl.pem"
  # Only a CRL signed by a CA in $ca replaces the current one (openssl crl prints "verify OK").
  if ! openssl crl -in "$tmp.one" -CAfile "$ca" -noout 2>&1 | grep -q '^verify OK'; then
    echo "inkan-crl-sync: $base/\${slug}_crl.pem is not a CRL signed by $ca; keeping $crl" >&2
    exit 1
  fi
  cat "$tmp.one" >> "$tmp"
done
if cmp -s "$tmp" "$crl"; then exit 0; fi
chmod 0644 "$tmp"
mv -f "$tmp" "$crl"
${p.reloadCommand}
`;
}

/** The /etc/cron.d line that runs the script (schedule first, then the user). */
export function crlSyncCron(p: CrlSyncParams): string {
  return `# Refresh the CRL of Inkan CA ${p.authority.slug} for ${p.serverLabel} (see ${syncScriptPath(p)}).
${p.options.schedule} root ${syncScriptPath(p)}
`;
}

export function crlSyncBlocks(p: CrlSyncParams): RecipeBlock[] {
  return [
    { id: "sync-script", path: syncScriptPath(p), language: "sh", text: crlSyncScript(p) },
    { id: "cron", path: `/etc/cron.d/inkan-crl-${p.authority.slug}`, language: "cron", text: crlSyncCron(p) },
  ];
}
