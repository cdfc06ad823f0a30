import type { CertificateProfile, KeyDescription, ParsedCsr } from "@/lib/pki";
import { InkanError } from "@/lib/errors";
import type { AccountView } from "@/lib/accounts";

export const DEFAULT_LEAF_VALIDITY_DAYS = 365;
// A little backdating tolerates clients whose clocks run slightly behind the CA's.
const BACKDATE_MS = 60_000;

/**
 * The certificate an account gets. The subject and extensions come from the account and
 * its kind, never from a CSR: a CSR only contributes its public key.
 */
export function profileForAccount(
  account: AccountView,
  key: { spki: Buffer; description: KeyDescription },
  opts: { now: Date; crlUrl: string; validityDays?: number },
): CertificateProfile {
  const notBefore = new Date(opts.now.getTime() - BACKDATE_MS);
  const notAfter = new Date(opts.now.getTime() + (opts.validityDays ?? DEFAULT_LEAF_VALIDITY_DAYS) * 86_400_000);
  // keyEncipherment only means something for RSA key transport (RFC 5280 §4.2.1.3).
  const keyUsage: CertificateProfile["keyUsage"] = key.description.type === "rsa" ? ["digitalSignature", "keyEncipherment"] : ["digitalSignature"];
  const common = { subjectPublicKeySpki: key.spki, notBefore, notAfter, ca: null, keyUsage, crlDistributionPoints: [opts.crlUrl] };
  if (account.kind === "SERVER") {
    return {
      ...common,
      subject: [{ type: "CN", value: account.hostnames[0] ?? account.name }],
      extendedKeyUsage: ["serverAuth"],
      subjectAltNames: { dns: account.hostnames },
    };
  }
  return {
    ...common,
    subject: [{ type: "CN", value: account.name }],
    extendedKeyUsage: ["clientAuth"],
    subjectAltNames: account.email ? { email: [account.email] } : {},
  };
}

export interface CsrReview {
  /** Requested items that Inkan will not copy into the certificate (shown to the operator). */
  ignored: string[];
}

/** Refuses what a CSR must not get (CA:TRUE, names the account does not hold); lists what is ignored. */
export function reviewCsrForAccount(csr: ParsedCsr, account: AccountView): CsrReview {
  const ext = csr.requestedExtensions;
  if (ext.basicConstraints?.ca) {
    throw new InkanError("UNPROCESSABLE", "The CSR asks for a CA certificate (basicConstraints CA:TRUE). Inkan issues end-entity certificates from CSRs only; create a new CSR without CA:TRUE.");
  }
  const ignored: string[] = [];
  const dns = ext.subjectAltNames?.dns ?? [];
  if (account.kind === "SERVER") {
    const unknown = dns.filter((d) => !account.hostnames.includes(d.toLowerCase()));
    if (unknown.length) {
      throw new InkanError("UNPROCESSABLE", `The CSR asks for host names this server account does not have: ${unknown.join(", ")}. Add them to the account's host names first, or make a CSR without them.`);
    }
  } else if (dns.length) {
    ignored.push(`DNS names (${dns.join(", ")}): client certificates carry none`);
  }
  const others = [
    ...(ext.subjectAltNames?.ip ?? []).map((ip) => `IP address ${ip}`),
    ...(ext.subjectAltNames?.uri ?? []).map((u) => `URI ${u}`),
  ];
  if (others.length) ignored.push(...others.map((o) => `${o}: not part of the account's profile`));
  if (ext.extendedKeyUsage?.length) ignored.push(`extended key usages (${ext.extendedKeyUsage.join(", ")}): the profile sets ${account.kind === "SERVER" ? "serverAuth" : "clientAuth"}`);
  if (ext.keyUsage?.length) ignored.push(`key usages (${ext.keyUsage.join(", ")}): the profile sets them`);
  if (ext.unknown?.length) ignored.push(`unrecognised extensions ${ext.unknown.join(", ")}`);
  return { ignored };
}
