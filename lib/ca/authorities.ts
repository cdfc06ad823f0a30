import {
  buildCertificate, buildSelfSignedCa, formatDn, generateKeyPair, newSerial, parseCertificate, serialToHex, spkiOf,
  type KeyAlgorithm, type RevocationReason,
} from "@/lib/pki";
import { getDb, toBytes } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { InkanError } from "@/lib/errors";
import { recordEvent, type Actor } from "@/lib/audit";
import { caSigner, sealCaKey } from "./key-custody";
import { parseSubject } from "./subject";
import { publishCrl } from "./crl";
import { crlUrlFor, loadAuthority } from "./data";
import { REVOCATION_REASONS } from "./schema";

export interface CreateAuthorityInput {
  slug: string;
  name?: string;
  subject: string;
  keyAlgorithm: KeyAlgorithm;
  validityDays: number;
  crlValidityHours: number;
  /** The issuing CA that signs this one; absent for a self-signed root. */
  parent?: string;
}

const SLUG = /^[a-z][a-z0-9-]{0,31}$/;
const DAY = 86_400_000;
// A little backdating tolerates relying parties whose clocks run slightly behind.
const BACKDATE_MS = 60_000;

/** The parent's signing material, refused when it may not sign a sub-CA (revoked, pathLen 0, about to expire). */
async function parentFor(slug: string, notAfter: Date) {
  const parent = await loadAuthority(slug);
  if (parent.revokedAt) throw new InkanError("CONFLICT", { en: `CA ${slug} is revoked; it cannot sign a new CA.`, ja: `認証局 ${slug} は失効しているため、新しい認証局に署名できません。` });
  const info = parseCertificate(parent.certificateDer);
  // RFC 5280 §4.2.1.9: pathLenConstraint 0 means no CA may be certified below this one.
  if (info.pathLength === 0) {
    throw new InkanError("UNPROCESSABLE", { en: `CA ${slug} is an intermediate with path length 0: it signs end-entity certificates only. Choose a root CA as the parent.`, ja: `認証局 ${slug} はパス長0の中間認証局で、エンドエンティティ証明書しか署名できません。親にはルート認証局を選んでください。` });
  }
  if (notAfter.getTime() > info.notAfter.getTime()) {
    const maxDays = Math.floor((info.notAfter.getTime() - Date.now()) / DAY);
    throw new InkanError("VALIDATION", { en: `The new CA would outlive its parent ${slug} (valid until ${info.notAfter.toISOString().slice(0, 10)}). Choose at most ${Math.max(maxDays, 0)} days.`, ja: `新しい認証局の有効期限が親の ${slug}(${info.notAfter.toISOString().slice(0, 10)} まで有効)を超えます。${Math.max(maxDays, 0)} 日以内にしてください。` });
  }
  return parent;
}

/**
 * Creates an issuing CA with its key sealed at rest, then publishes its first CRL: a
 * self-signed root, or with `parent` an intermediate (pathLen 0, CRL DP of its parent)
 * whose certificate appears in the parent's CRL once revoked.
 */
export async function createAuthority(input: CreateAuthorityInput, actor: Actor, now = new Date()): Promise<{ id: string; slug: string }> {
  if (!SLUG.test(input.slug)) {
    throw new InkanError("VALIDATION", { en: "A CA name is lower-case letters, digits and hyphens, starting with a letter (e.g. ia1); it appears in /crl/<name>.pem.", ja: "認証局名は英小文字で始まり、英小文字・数字・ハイフンを使います(例: ia1)。/crl/<名前>.pem に現れます。" });
  }
  if (!Number.isInteger(input.validityDays) || input.validityDays < 1 || input.validityDays > 36_500) {
    throw new InkanError("VALIDATION", { en: "The validity is a whole number of days between 1 and 36500.", ja: "有効期間は 1 から 36500 までの整数(日数)です。" });
  }
  if (!Number.isInteger(input.crlValidityHours) || input.crlValidityHours < 1 || input.crlValidityHours > 8_760) {
    throw new InkanError("VALIDATION", { en: "The CRL validity is a whole number of hours between 1 and 8760.", ja: "CRLの有効期間は 1 から 8760 までの整数(時間)です。" });
  }
  const subject = parseSubject(input.subject);
  if (await getDb().certificateAuthority.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
    throw new InkanError("CONFLICT", { en: `A CA named ${input.slug} already exists. Choose another name.`, ja: `認証局 ${input.slug} はすでにあります。別の名前を選んでください。` });
  }
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const notAfter = new Date(now.getTime() + input.validityDays * DAY);
  const parent = input.parent ? await parentFor(input.parent, notAfter) : null;
  const keyPair = await generateKeyPair(input.keyAlgorithm);
  const serialBytes = newSerial();
  const der = parent
    ? await buildCertificate(
      {
        subject,
        subjectPublicKeySpki: spkiOf(keyPair.publicKey),
        notBefore,
        notAfter,
        ca: { pathLength: 0 },
        keyUsage: ["digitalSignature", "keyCertSign", "cRLSign"],
        crlDistributionPoints: [crlUrlFor(getConfig().publicUrl, parent.slug)],
      },
      { issuer: { name: parent.subjectDer, keyIdentifier: parent.keyIdentifier }, signer: caSigner(parent.slug, parent.encryptedKey), serial: serialBytes },
    )
    : await buildSelfSignedCa({ subject, keyPair, notBefore, notAfter, serial: serialBytes });
  const ca = await getDb().$transaction(async (tx) => {
    if (await tx.certificateAuthority.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new InkanError("CONFLICT", { en: `A CA named ${input.slug} already exists. Choose another name.`, ja: `認証局 ${input.slug} はすでにあります。別の名前を選んでください。` });
    }
    const row = await tx.certificateAuthority.create({
      data: {
        slug: input.slug,
        name: input.name?.trim() || input.slug,
        subject: formatDn(subject),
        keyAlgorithm: input.keyAlgorithm,
        encryptedKey: toBytes(sealCaKey(input.slug, keyPair.privateKey)),
        certificateDer: toBytes(der),
        crlValidityHours: input.crlValidityHours,
        parentId: parent?.id ?? null,
        serial: serialToHex(serialBytes),
      },
    });
    await recordEvent(tx, {
      actor,
      action: "ca.create",
      target: { type: "ca", id: row.slug },
      details: { subject: row.subject, keyAlgorithm: input.keyAlgorithm, validityDays: input.validityDays, parent: parent?.slug ?? null, serial: row.serial },
    }, now);
    return row;
  });
  await publishCrl(ca.slug, actor, now);
  return { id: ca.id, slug: ca.slug };
}

/**
 * Revokes an intermediate CA's certificate: a conditional update decides races, then the
 * parent's CRL is republished so relying parties stop trusting the intermediate's chain.
 */
export async function revokeAuthority(input: { slug: string; reason: RevocationReason }, actor: Actor, now = new Date()): Promise<{ slug: string; parent: string }> {
  if (!REVOCATION_REASONS.includes(input.reason)) {
    throw new InkanError("VALIDATION", { en: `"${input.reason}" is not a revocation reason for a full CRL. Use one of ${REVOCATION_REASONS.join(", ")}.`, ja: `「${input.reason}」は完全CRLの失効理由ではありません。${REVOCATION_REASONS.join(", ")} のいずれかを使ってください。` });
  }
  const ca = await getDb().certificateAuthority.findUnique({ where: { slug: input.slug }, include: { parent: { select: { slug: true } } } });
  if (!ca) throw new InkanError("NOT_FOUND", { en: `No CA named "${input.slug}".`, ja: `認証局「${input.slug}」はありません。` });
  if (!ca.parent) {
    throw new InkanError("UNPROCESSABLE", { en: `${ca.slug} is a self-signed root: no CRL can revoke it. Remove it from the trust stores that hold it instead.`, ja: `${ca.slug} は自己署名のルート認証局で、CRLでは失効できません。代わりに、それを持つトラストストアから外してください。` });
  }
  const parentSlug = ca.parent.slug;
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.certificateAuthority.updateMany({
      where: { id: ca.id, revokedAt: null },
      data: { revokedAt: now, revocationReason: input.reason },
    });
    if (count === 0) throw new InkanError("CONFLICT", { en: `CA ${ca.slug} is already revoked.`, ja: `認証局 ${ca.slug} はすでに失効しています。` });
    await recordEvent(tx, { actor, action: "ca.revoke", target: { type: "ca", id: ca.slug }, details: { parent: parentSlug, serial: ca.serial, reason: input.reason } }, now);
  });
  await publishCrl(parentSlug, actor, now);
  return { slug: ca.slug, parent: parentSlug };
}
