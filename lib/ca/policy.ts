import type { CertificateProfile, DistinguishedName, KeyDescription, ParsedCsr } from "@/lib/pki";
import { InkanError } from "@/lib/errors";
import type { AccountView } from "@/lib/accounts";
import { BUILT_IN_TEMPLATES, resolveEffectiveTemplate, type EffectiveTemplate } from "@/lib/templates";

export const DEFAULT_LEAF_VALIDITY_DAYS = 365;
// A little backdating tolerates clients whose clocks run slightly behind the CA's.
const BACKDATE_MS = 60_000;

type AccountFacts = Pick<AccountView, "kind" | "name" | "email" | "hostnames">;

/** The built-in template of the account's kind: what an account gets when no group's template applies. */
export function defaultTemplateFor(kind: AccountView["kind"]): EffectiveTemplate {
  const key = kind === "SERVER" ? "server" : "client";
  return resolveEffectiveTemplate(kind, [], { id: `built-in:${key}`, builtIn: key, ...BUILT_IN_TEMPLATES[key] });
}

/**
 * The subject, most general first: the template's DC list (in the order written, e.g. "local"
 * then "example" for example.local), C, ST, L, O, OU, then CN from the account (user ID, or a
 * server's first host name) and, if the template says so, the account's e-mail. Required
 * values are always present; an optional value only when the CSR's subject asks for exactly it.
 */
export function buildSubject(account: AccountFacts, template: EffectiveTemplate, requested: DistinguishedName = []): DistinguishedName {
  const dn: DistinguishedName = [];
  for (const field of template.subject) {
    for (const value of field.required) dn.push({ type: field.key, value });
    for (const value of field.optional) {
      if (requested.some((a) => a.type === field.key && a.value === value)) dn.push({ type: field.key, value });
    }
  }
  dn.push({ type: "CN", value: account.kind === "SERVER" ? (account.hostnames[0] ?? account.name) : account.name });
  if (template.emailInSubject && account.email) dn.push({ type: "emailAddress", value: account.email });
  return dn;
}

/** The EKUs a template gives: its own list, or by usage when it lists none. */
export function extendedKeyUsagesOf(template: EffectiveTemplate): string[] {
  return template.extendedKeyUsage.length ? template.extendedKeyUsage : [template.usage === "SERVER" ? "serverAuth" : "clientAuth"];
}

/**
 * The certificate an account gets. The subject and extensions come from the account and its
 * effective template (lib/templates; the built-in one for its kind when none is given), never
 * from a CSR: a CSR contributes its public key and, at most, the template's optional values.
 */
export function profileForAccount(
  account: AccountFacts,
  key: { spki: Buffer; description: KeyDescription },
  opts: { now: Date; crlUrl: string; validityDays?: number; template?: EffectiveTemplate; requestedSubject?: DistinguishedName },
): CertificateProfile {
  const template = opts.template ?? defaultTemplateFor(account.kind);
  const notBefore = new Date(opts.now.getTime() - BACKDATE_MS);
  const notAfter = new Date(opts.now.getTime() + (opts.validityDays ?? template.validityDays ?? DEFAULT_LEAF_VALIDITY_DAYS) * 86_400_000);
  // keyEncipherment only means something for RSA key transport (RFC 5280 §4.2.1.3).
  const keyUsage: CertificateProfile["keyUsage"] = template.keyUsage.length
    ? template.keyUsage
    : key.description.type === "rsa" ? ["digitalSignature", "keyEncipherment"] : ["digitalSignature"];
  const dns = template.sanDnsFromHostnames ? account.hostnames : [];
  const email = template.sanEmailFromAccount && account.email ? [account.email] : [];
  return {
    subject: buildSubject(account, template, opts.requestedSubject),
    subjectPublicKeySpki: key.spki,
    notBefore,
    notAfter,
    ca: null,
    keyUsage,
    extendedKeyUsage: extendedKeyUsagesOf(template),
    subjectAltNames: { ...(dns.length ? { dns } : {}), ...(email.length ? { email } : {}) },
    crlDistributionPoints: [opts.crlUrl],
  };
}

/** "DNS:x" / "email:y" entries of a profile's SANs, as stored with the certificate. */
export function describeProfileSans(profile: CertificateProfile): string[] {
  return [...(profile.subjectAltNames?.dns ?? []).map((d) => `DNS:${d}`), ...(profile.subjectAltNames?.email ?? []).map((e) => `email:${e}`)];
}

export interface CsrReview {
  /** Requested items that Inkan will not copy into the certificate (shown to the operator). */
  ignored: string[];
}

/** Refuses what a CSR must not get (CA:TRUE, names the account does not hold); lists what is ignored. */
export function reviewCsrForAccount(csr: ParsedCsr, account: AccountView, template?: EffectiveTemplate): CsrReview {
  const ext = csr.requestedExtensions;
  if (ext.basicConstraints?.ca) {
    throw new InkanError("UNPROCESSABLE", { en: "The CSR asks for a CA certificate (basicConstraints CA:TRUE). Inkan issues end-entity certificates from CSRs only; create a new CSR without CA:TRUE.", ja: "このCSRは認証局の証明書(basicConstraints CA:TRUE)を求めています。CSRから発行できるのはエンドエンティティ証明書だけです。CA:TRUE のないCSRを作り直してください。" });
  }
  const ignored: string[] = [];
  const dns = ext.subjectAltNames?.dns ?? [];
  if (account.kind === "SERVER") {
    const unknown = dns.filter((d) => !account.hostnames.includes(d.toLowerCase()));
    if (unknown.length) {
      throw new InkanError("UNPROCESSABLE", { en: `The CSR asks for host names this server account does not have: ${unknown.join(", ")}. Add them to the account's host names first, or make a CSR without them.`, ja: `CSRに、このサーバアカウントにないホスト名が含まれています: ${unknown.join(", ")}。先にアカウントのホスト名に追加するか、それを含まないCSRを作ってください。` });
    }
  } else if (dns.length) {
    ignored.push(`DNS names (${dns.join(", ")}): client certificates carry none`);
  }
  const others = [
    ...(ext.subjectAltNames?.ip ?? []).map((ip) => `IP address ${ip}`),
    ...(ext.subjectAltNames?.uri ?? []).map((u) => `URI ${u}`),
  ];
  if (others.length) ignored.push(...others.map((o) => `${o}: not part of the account's profile`));
  const ekus = extendedKeyUsagesOf(template ?? defaultTemplateFor(account.kind));
  if (ext.extendedKeyUsage?.length) ignored.push(`extended key usages (${ext.extendedKeyUsage.join(", ")}): the profile sets ${ekus.join(", ")}`);
  if (ext.keyUsage?.length) ignored.push(`key usages (${ext.keyUsage.join(", ")}): the profile sets them`);
  if (ext.unknown?.length) ignored.push(`unrecognised extensions ${ext.unknown.join(", ")}`);
  return { ignored };
}
