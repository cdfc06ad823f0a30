import type { KeyObject } from "node:crypto";
import {
  buildCertificate, describeKey, generateKeyPair, newSerial, parseCsr, serialToHex, spkiOf,
  type KeyAlgorithm, type KeyDescription, type ParsedCsr,
} from "@/lib/pki";
import { getDb, isUniqueViolation, toBytes } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { recordEvent, type Actor } from "@/lib/audit";
import { findAccountByName, type AccountView } from "@/lib/accounts";
import { getConfig } from "@/lib/config";
import { caSigner, sealLeafKey } from "./key-custody";
import { profileForAccount, reviewCsrForAccount } from "./policy";
import { crlUrlFor, loadAuthority, toCertificateView, DEFAULT_CA_SLUG } from "./data";
import { toInkanError } from "./pki-errors";
import type { CertificateView } from "./types";

export interface IssueTarget {
  account: string;
  ca?: string;
}

async function activeAccount(name: string): Promise<AccountView> {
  const account = await findAccountByName(name);
  if (!account) throw new InkanError("NOT_FOUND", `No account named "${name}". Create the account first.`);
  if (account.status !== "ACTIVE") throw new InkanError("CONFLICT", `The account "${name}" is disabled; enable it before issuing.`);
  return account;
}

export function keyAlgorithmOf(d: KeyDescription): string {
  return d.type === "rsa" ? `RSA-${d.bits}` : `ECDSA-${d.curve?.replace("-", "")}`;
}

function describeSans(account: AccountView): string[] {
  return account.kind === "SERVER" ? account.hostnames.map((h) => `DNS:${h}`) : account.email ? [`email:${account.email}`] : [];
}


/** Signs a certificate for the account's key and stores it with its audit event, in one transaction. */
async function signAndStore(
  target: IssueTarget,
  key: { spki: Buffer; description: KeyDescription; privateKey?: KeyObject },
  source: "KEYGEN" | "CSR",
  actor: Actor,
  now: Date,
  extraDetails: Record<string, unknown> = {},
): Promise<CertificateView> {
  const account = await activeAccount(target.account);
  const ca = await loadAuthority(target.ca ?? DEFAULT_CA_SLUG);
  const signer = caSigner(ca.slug, ca.encryptedKey);
  const profile = profileForAccount(account, key, { now, crlUrl: crlUrlFor(getConfig().publicUrl, ca.slug) });
  // A 128-bit random serial colliding is practically impossible; the unique index still decides.
  for (let attempt = 0; ; attempt++) {
    const serialBytes = newSerial();
    const serial = serialToHex(serialBytes);
    const der = await buildCertificate(profile, { issuer: { name: ca.subjectDer, keyIdentifier: ca.keyIdentifier }, signer, serial: serialBytes });
    try {
      const row = await getDb().$transaction(async (tx) => {
        const current = await tx.account.findUnique({ where: { id: account.id }, select: { status: true } });
        if (current?.status !== "ACTIVE") throw new InkanError("CONFLICT", `The account "${account.name}" was disabled or deleted meanwhile; nothing was issued.`);
        const created = await tx.certificate.create({
          data: {
            caId: ca.id,
            accountId: account.id,
            serial,
            subject: profile.subject.map((a) => `${a.type}=${a.value}`).reverse().join(","),
            sans: JSON.stringify(describeSans(account)),
            keyAlgorithm: keyAlgorithmOf(key.description),
            notBefore: profile.notBefore,
            notAfter: profile.notAfter,
            status: "ISSUED",
            source,
            certificateDer: toBytes(der),
            privateKeyEncrypted: key.privateKey ? toBytes(sealLeafKey(ca.id, serial, key.privateKey)) : null,
          },
          include: { ca: { select: { slug: true } }, account: { select: { name: true, kind: true } } },
        });
        await recordEvent(tx, {
          actor,
          action: "certificate.issue",
          target: { type: "certificate", id: serial },
          details: { ca: ca.slug, account: account.name, source, keyAlgorithm: created.keyAlgorithm, notAfter: profile.notAfter.toISOString(), ...extraDetails },
        }, now);
        return created;
      });
      return toCertificateView(row);
    } catch (err) {
      if (isUniqueViolation(err) && attempt < 3) continue;
      throw err;
    }
  }
}

/** Parses and checks a CSR against an account without issuing (the "confirm CSR content" step). */
export async function previewCsr(target: IssueTarget, csrInput: Buffer | string): Promise<{ csr: ParsedCsr; ignored: string[] }> {
  const csr = parseCsrOrThrow(csrInput);
  const account = await activeAccount(target.account);
  return { csr, ...reviewCsrForAccount(csr, account) };
}

function parseCsrOrThrow(input: Buffer | string): ParsedCsr {
  try {
    return parseCsr(input);
  } catch (err) {
    throw toInkanError(err, "CSR");
  }
}

/** Issues a certificate for the public key in an uploaded CSR (PEM or DER). */
export async function issueFromCsr(target: IssueTarget & { csr: Buffer | string }, actor: Actor, now = new Date()): Promise<CertificateView> {
  const csr = parseCsrOrThrow(target.csr);
  const account = await activeAccount(target.account);
  const { ignored } = reviewCsrForAccount(csr, account);
  return signAndStore(target, { spki: csr.subjectPublicKeySpki, description: csr.key }, "CSR", actor, now, { csrSubject: csr.subjectString, ignored });
}

/** Generates the key on the server, issues, and keeps the key sealed for PKCS#12 delivery. */
export async function issueWithServerKey(
  target: IssueTarget & { keyAlgorithm?: KeyAlgorithm },
  actor: Actor,
  now = new Date(),
): Promise<CertificateView> {
  await activeAccount(target.account); // fail fast before spending a key generation
  const keyPair = await generateKeyPair(target.keyAlgorithm ?? "RSA-2048");
  const spki = spkiOf(keyPair.publicKey);
  return signAndStore(target, { spki, description: describeKey(spki), privateKey: keyPair.privateKey }, "KEYGEN", actor, now);
}
