import {
  normalizeSerialHex, parseAlbClientCertHeaders, parseCertificate, parseUrlEncodedCertificates, sameDistinguishedName,
  verifyCertificateSignature, type CertificateInfo, type HeaderSource,
} from "@/lib/pki";
import { getCertificate, listAuthorities, type CertificateView } from "@/lib/ca";
import { findAccountByName } from "@/lib/accounts";
import { isInkanError } from "@/lib/errors";
import { fromPkiError } from "@/lib/i18n/pki";
import type { ClientIdentity, IdentityStatus, PresentedCertificate } from "./types";

/** ALB's X-Amzn-Mtls-Clientcert-* headers, or the leaf certificate as (URL-encoded) PEM. */
export type IdentifyInput = { headers: HeaderSource } | { leafPem: string };

interface Presented {
  presented: PresentedCertificate;
  leaf: CertificateInfo | null;
}

function readPresented(input: IdentifyInput): Presented {
  try {
    if ("leafPem" in input) {
      const [leaf] = parseUrlEncodedCertificates(input.leafPem, "The leaf certificate");
      return { leaf, presented: fromLeaf(leaf, "pem") };
    }
    const alb = parseAlbClientCertHeaders(input.headers);
    const presented: PresentedCertificate = alb.leaf
      ? fromLeaf(alb.leaf, alb.mode === "passthrough" ? "alb-passthrough" : "alb-verify")
      : { source: "alb-verify", serial: alb.serialHex, issuer: alb.issuer, subject: alb.subject, notBefore: alb.notBefore, notAfter: alb.notAfter, sha256: null };
    return { leaf: alb.leaf, presented };
  } catch (err) {
    throw fromPkiError(err);
  }
}

function fromLeaf(leaf: CertificateInfo, source: PresentedCertificate["source"]): PresentedCertificate {
  return {
    source,
    serial: normalizeSerialHex(leaf.serialHex) ?? leaf.serialHex,
    issuer: leaf.issuerString,
    subject: leaf.subjectString,
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    sha256: leaf.sha256Fingerprint,
  };
}

function signedBy(leaf: CertificateInfo, ca: CertificateInfo): boolean {
  try {
    return verifyCertificateSignature(leaf.der, ca.subjectPublicKeySpki);
  } catch {
    return false;
  }
}

/** Inkan's record of `serial` under CA `slug`, or null. Stored serials are minimal lower-case hex. */
async function findRecord(serial: string, slug: string): Promise<(CertificateView & { certificateDer: Buffer }) | null> {
  for (const candidate of new Set([serial, serial.length % 2 ? `0${serial}` : serial])) {
    try {
      return await getCertificate(candidate, slug);
    } catch (err) {
      if (!(isInkanError(err) && err.code === "NOT_FOUND")) throw err;
    }
  }
  return null;
}

function sameSecond(a: Date, b: Date): boolean {
  return Math.floor(a.getTime() / 1000) === Math.floor(b.getTime() / 1000);
}

/**
 * Who the client presenting this certificate is, and whether the certificate is valid right
 * now: the account, the certificate and its live status (revoked with reason and time,
 * expired, unknown to Inkan, or issued by another CA). A leaf must be signed by the Inkan CA
 * it names and be byte-identical to Inkan's record; headers alone must match the record.
 */
export async function identifyClient(input: IdentifyInput, now = new Date()): Promise<ClientIdentity> {
  const { presented, leaf } = readPresented(input);
  const result = (status: IdentityStatus, explanation: string, rest: Partial<ClientIdentity> = {}): ClientIdentity => ({
    status, explanation, presented, authority: null, certificate: null, account: null, revocation: null, checkedAt: now, ...rest,
  });

  const authorities = (await listAuthorities()).map((ca) => ({ slug: ca.slug, subject: ca.subject, info: parseCertificate(ca.certificateDer) }));
  const named = authorities.filter((ca) => (leaf ? ca.info.subjectDer.equals(leaf.issuerDer) : false) || sameDistinguishedName(ca.info.subjectString, presented.issuer));
  if (named.length === 0) {
    return result("foreign", `Issued by "${presented.issuer}", which is not a CA of this Inkan.`);
  }
  const issuers = leaf ? named.filter((ca) => signedBy(leaf, ca.info)) : named;
  if (issuers.length === 0) {
    return result("foreign", `It names Inkan CA ${named[0].slug} as its issuer, but that CA's key did not sign it: it was not issued by Inkan.`);
  }

  for (const ca of issuers) {
    const record = await findRecord(presented.serial, ca.slug);
    if (!record) continue;
    const authority = { slug: ca.slug, subject: ca.subject };
    const recordInfo = parseCertificate(record.certificateDer);
    const differs = leaf
      ? !record.certificateDer.equals(leaf.der)
      : (presented.subject !== "" && !sameDistinguishedName(presented.subject, recordInfo.subjectString)) ||
        (presented.notBefore !== null && !sameSecond(presented.notBefore, record.notBefore)) ||
        (presented.notAfter !== null && !sameSecond(presented.notAfter, record.notAfter));
    if (differs) {
      return result("unknown", `CA ${ca.slug} issued serial ${record.serial} to a different certificate (subject "${recordInfo.subjectString}"); the one presented is not Inkan's.`, { authority });
    }
    const account = await findAccountByName(record.accountName);
    const found = {
      authority,
      certificate: record,
      account: account && { name: account.name, kind: account.kind, displayName: account.displayName, email: account.email, status: account.status },
    };
    if (record.status === "REVOKED") {
      return result("revoked", `Revoked${record.revokedAt ? ` on ${record.revokedAt.toISOString()}` : ""}${record.revocationReason ? ` (${record.revocationReason})` : ""}.`, {
        ...found,
        revocation: { reason: record.revocationReason, revokedAt: record.revokedAt },
      });
    }
    if (now.getTime() > record.notAfter.getTime()) return result("expired", `Expired on ${record.notAfter.toISOString()}.`, found);
    if (now.getTime() < record.notBefore.getTime()) return result("not-yet-valid", `Not valid before ${record.notBefore.toISOString()}.`, found);
    return result("valid", `Issued by CA ${ca.slug} to ${record.accountName}, valid until ${record.notAfter.toISOString()}.`, found);
  }
  return result("unknown", `CA ${issuers[0].slug} has no certificate with serial ${presented.serial}.`, { authority: { slug: issuers[0].slug, subject: issuers[0].subject } });
}
