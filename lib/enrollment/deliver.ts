import { randomBytes } from "node:crypto";
import { buildMobileconfig, buildPkcs12, parseCertificate, signCms } from "@/lib/pki";
import { getDb, isUniqueViolation, type Tx } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { recordEvent, type Actor } from "@/lib/audit";
import { caSigner, loadAuthority, openLeafKey } from "@/lib/ca";
import type { DeliveredFile } from "@/lib/ca";
import { getUa } from "./data";
import { pkcs12EncryptionFor, platformAllowed } from "./policy";
import type { DeliveryRefusal, Platform, UaSettings } from "./types";

export interface DeliveryRequest {
  ua: string;
  accountId: string;
  serial: string;
  platform: Platform;
  /** From the UA session, when the UA protects files with the login password. */
  loginPassword?: string;
}

export type DeliveryOutcome =
  | { ok: true; file: DeliveredFile; oneTimePassword?: string; signOut: boolean; windowEndsAt: Date | null }
  | { ok: false; reason: DeliveryRefusal };

/** A one-time PKCS#12 password: 16 characters without look-alikes, shown once, never stored. */
export function oneTimePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  return Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join("");
}

/**
 * Claims one delivery with a single conditional update, so concurrent requests (a second
 * tab, a replayed URL, an API call) cannot both win: import-once succeeds only while
 * firstDeliveredAt is null; a download window only while windowEndsAt is in the future.
 */
async function claim(tx: Tx, deliveryId: string, ua: UaSettings, now: Date): Promise<DeliveryRefusal | { windowEndsAt: Date | null }> {
  const unlocked = { id: deliveryId, lockedAt: null };
  if (ua.importOnce) {
    const won = await tx.delivery.updateMany({
      where: { ...unlocked, firstDeliveredAt: null },
      data: { firstDeliveredAt: now, lockedAt: now, count: { increment: 1 } },
    });
    return won.count === 1 ? { windowEndsAt: null } : "already-imported";
  }
  if (ua.downloadWindowMinutes > 0) {
    const windowEndsAt = new Date(now.getTime() + ua.downloadWindowMinutes * 60_000);
    const first = await tx.delivery.updateMany({ where: { ...unlocked, firstDeliveredAt: null }, data: { firstDeliveredAt: now, windowEndsAt, count: { increment: 1 } } });
    if (first.count === 1) return { windowEndsAt };
    const again = await tx.delivery.updateMany({ where: { ...unlocked, windowEndsAt: { gt: now } }, data: { count: { increment: 1 } } });
    if (again.count === 1) return { windowEndsAt: (await tx.delivery.findUnique({ where: { id: deliveryId }, select: { windowEndsAt: true } }))?.windowEndsAt ?? null };
    return "window-expired";
  }
  const any = await tx.delivery.updateMany({ where: unlocked, data: { count: { increment: 1 } } });
  if (any.count === 1) await tx.delivery.updateMany({ where: { id: deliveryId, firstDeliveredAt: null }, data: { firstDeliveredAt: now } });
  return any.count === 1 ? { windowEndsAt: null } : "already-imported";
}

async function ensureDeliveryRow(uaId: string, certificateId: string, accountId: string): Promise<string> {
  const where = { uaId_certificateId: { uaId, certificateId } };
  const found = await getDb().delivery.findUnique({ where, select: { id: true } });
  if (found) return found.id;
  try {
    return (await getDb().delivery.create({ data: { uaId, certificateId, accountId }, select: { id: true } })).id;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return (await getDb().delivery.findUniqueOrThrow({ where, select: { id: true } })).id;
  }
}

async function caChain(caId: string): Promise<Buffer[]> {
  const chain: Buffer[] = [];
  let ca = await getDb().certificateAuthority.findUnique({ where: { id: caId }, select: { parentId: true, certificateDer: true } });
  while (ca) {
    chain.push(Buffer.from(ca.certificateDer));
    ca = ca.parentId ? await getDb().certificateAuthority.findUnique({ where: { id: ca.parentId }, select: { parentId: true, certificateDer: true } }) : null;
  }
  return chain;
}

/**
 * Delivers a user's certificate and key: a .p12 for desktops, Android and Mac, a signed
 * .mobileconfig for iPhone/iPad. Order: check → one transaction that claims the delivery,
 * drops the sealed key after an import-once delivery and writes the audit event → build the
 * file in memory (it is never written anywhere, and encrypted before it leaves).
 */
export async function deliverCertificate(req: DeliveryRequest, actor: Actor, now = new Date()): Promise<DeliveryOutcome> {
  const ua = await getUa(req.ua);
  const cert = await getDb().certificate.findFirst({
    where: { serial: req.serial, caId: ua.caId, accountId: req.accountId },
    select: { id: true, serial: true, status: true, caId: true, account: { select: { name: true, status: true } } },
  });
  if (!cert) throw new InkanError("NOT_FOUND", { en: `You have no certificate with serial ${req.serial} at this UA.`, ja: `このUAにシリアル番号 ${req.serial} のあなたの証明書はありません。` });
  const target = { type: "certificate" as const, id: cert.serial };
  const format = req.platform === "iphone" ? "mobileconfig" : "pkcs12";
  const refuse = async (reason: DeliveryRefusal, tx?: Tx): Promise<DeliveryOutcome> => {
    const event = { actor, action: "delivery.refuse" as const, outcome: "FAILURE" as const, target, details: { ua: ua.name, platform: req.platform, format, reason } };
    if (tx) await recordEvent(tx, event, now);
    else await getDb().$transaction((t) => recordEvent(t, event, now));
    return { ok: false, reason };
  };
  // A UA session outlives a disable or delete by up to its 15 minutes: the account decides now.
  if (cert.account.status !== "ACTIVE") return refuse("account-disabled");
  if (!platformAllowed(ua, req.platform)) return refuse("not-allowed");
  if (cert.status !== "ISSUED") return refuse("revoked");
  if (ua.protectWithLoginPassword && !req.loginPassword) throw new InkanError("UNAUTHENTICATED", { en: "Sign in again: the file is protected with your login password.", ja: "もう一度ログインしてください。ファイルはログインパスワードで保護されます。" });
  const deliveryId = await ensureDeliveryRow(ua.id, cert.id, req.accountId);

  const claimed = await getDb().$transaction(async (tx) => {
    const key = await tx.certificate.findUnique({ where: { id: cert.id }, select: { privateKeyEncrypted: true } });
    if (!key?.privateKeyEncrypted) {
      const d = await tx.delivery.findUnique({ where: { id: deliveryId }, select: { lockedAt: true } });
      return { refused: await refuse(d?.lockedAt ? "already-imported" : "no-key", tx) };
    }
    const result = await claim(tx, deliveryId, ua, now);
    if (typeof result === "string") return { refused: await refuse(result, tx) };
    // After an import-once delivery nobody needs the key again: drop it with the claim.
    if (ua.importOnce) await tx.certificate.update({ where: { id: cert.id }, data: { privateKeyEncrypted: null } });
    await recordEvent(tx, {
      actor, action: "delivery.deliver", target,
      details: { ua: ua.name, platform: req.platform, format, importOnce: ua.importOnce, windowEndsAt: result.windowEndsAt?.toISOString() ?? null, keyDropped: ua.importOnce },
    }, now);
    return { sealed: Buffer.from(key.privateKeyEncrypted), windowEndsAt: result.windowEndsAt };
  });
  if ("refused" in claimed) return claimed.refused!;

  const ca = await loadAuthority(ua.caSlug);
  const chain = await caChain(cert.caId);
  const certificateDer = Buffer.from((await getDb().certificate.findUniqueOrThrow({ where: { id: cert.id }, select: { certificateDer: true } })).certificateDer);
  const generated = req.loginPassword && ua.protectWithLoginPassword ? undefined : oneTimePassword();
  const password = generated ?? req.loginPassword!;
  const base = `${cert.account.name}-${cert.serial.slice(0, 16)}`;
  const pkcs12 = buildPkcs12({
    privateKey: openLeafKey(ca.id, cert.serial, claimed.sealed),
    certificate: certificateDer,
    chain,
    password,
    encryption: pkcs12EncryptionFor(ua, req.platform),
    friendlyName: cert.account.name,
  });
  const common = { signOut: ua.importOnce, windowEndsAt: claimed.windowEndsAt };
  if (format === "pkcs12") {
    return { ok: true, file: { filename: `${base}.p12`, contentType: "application/x-pkcs12", body: pkcs12 }, oneTimePassword: generated, ...common };
  }
  const root = chain[chain.length - 1];
  const plist = buildMobileconfig({
    displayName: ua.profileName, identifier: ua.profileIdentifier, organization: ua.profileOrganization, description: ua.profileDescription,
    rootCertificate: root, rootName: parseCertificate(root).subject.find((a) => a.type === "CN")?.value ?? ua.caSlug,
    pkcs12, pkcs12FileName: `${base}.p12`,
    // With "protect with login password" the user types it on the device; otherwise iOS needs it embedded.
    pkcs12Password: generated,
  });
  const body = await signCms({ content: plist, signerCertificate: ca.certificateDer, certificates: chain.slice(1), signer: caSigner(ca.slug, ca.encryptedKey), signingTime: now });
  return { ok: true, file: { filename: `${base}.mobileconfig`, contentType: "application/x-apple-aspen-config", body }, ...common };
}
