import { generateKeyPair, buildSelfSignedCa, newSerial, formatDn, type KeyAlgorithm } from "@/lib/pki";
import { getDb, toBytes } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { recordEvent, type Actor } from "@/lib/audit";
import { sealCaKey } from "./key-custody";
import { parseSubject } from "./subject";
import { publishCrl } from "./crl";

export interface CreateAuthorityInput {
  slug: string;
  name?: string;
  subject: string;
  keyAlgorithm: KeyAlgorithm;
  validityDays: number;
  crlValidityHours: number;
}

const SLUG = /^[a-z][a-z0-9-]{0,31}$/;

/** Creates a self-signed issuing CA with its key sealed at rest, then publishes its first CRL. */
export async function createAuthority(input: CreateAuthorityInput, actor: Actor, now = new Date()): Promise<{ id: string; slug: string }> {
  if (!SLUG.test(input.slug)) {
    throw new InkanError("VALIDATION", "A CA name is lower-case letters, digits and hyphens, starting with a letter (e.g. ia1); it appears in /crl/<name>.pem.");
  }
  const subject = parseSubject(input.subject);
  const keyPair = await generateKeyPair(input.keyAlgorithm);
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + input.validityDays * 86_400_000);
  const der = await buildSelfSignedCa({ subject, keyPair, notBefore, notAfter, serial: newSerial() });
  const ca = await getDb().$transaction(async (tx) => {
    if (await tx.certificateAuthority.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new InkanError("CONFLICT", `A CA named ${input.slug} already exists.`);
    }
    const row = await tx.certificateAuthority.create({
      data: {
        slug: input.slug,
        name: input.name ?? input.slug,
        subject: formatDn(subject),
        keyAlgorithm: input.keyAlgorithm,
        encryptedKey: toBytes(sealCaKey(input.slug, keyPair.privateKey)),
        certificateDer: toBytes(der),
        crlValidityHours: input.crlValidityHours,
      },
    });
    await recordEvent(tx, {
      actor,
      action: "ca.create",
      target: { type: "ca", id: row.slug },
      details: { subject: row.subject, keyAlgorithm: input.keyAlgorithm, validityDays: input.validityDays },
    }, now);
    return row;
  });
  await publishCrl(ca.slug, actor, now);
  return { id: ca.id, slug: ca.slug };
}
