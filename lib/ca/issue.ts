import type { KeyObject } from "node:crypto";
import {
  buildCertificate, describeKey, generateKeyPair, newSerial, parseCsr, serialToHex, spkiOf,
  type DistinguishedName, type KeyAlgorithm, type KeyDescription, type ParsedCsr, type Signer,
} from "@/lib/pki";
import { getDb, GroupCommit, insertRows, isUniqueViolation, newRowId, ReadBatch, toBytes, type Certificate, type GroupOutcome, type Tx } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import type { Actor } from "@/lib/audit";
import { recordEvents, type TimedAuditEvent } from "@/lib/audit";
import { findAccountsByNames, type AccountView } from "@/lib/accounts";
import type { EffectiveTemplate } from "@/lib/templates";
import { getConfig } from "@/lib/config";
import { caSigner, sealLeafKey } from "./key-custody";
import { certificateLimits, recordedTemplateId, templatesForIssuance } from "@/lib/groups";
import { describeProfileSans, profileForAccount, reviewCsrForAccount } from "./policy";
import { crlUrlFor, loadAuthority, toCertificateView, DEFAULT_CA_SLUG } from "./data";
import { fromPkiError } from "@/lib/i18n/pki";
import type { CertificateView } from "./types";

export interface IssueTarget {
  account: string;
  ca?: string;
}

/** Who a certificate is for, and the template their groups give them (lib/groups, lib/templates). */
interface IssuanceSubject {
  account: AccountView;
  template: EffectiveTemplate;
}

// Issuances that arrive together read their accounts and templates together: one set of
// reads per batch instead of four queries per certificate (see docs/BENCHMARKS.md, suite 6).
const issuanceSubjects = new ReadBatch<string, IssuanceSubject | InkanError>(async (names) => {
  const accounts = await findAccountsByNames(names);
  const templates = await templatesForIssuance(accounts.filter((a) => a.status === "ACTIVE"));
  const byName = new Map(accounts.map((a) => [a.name, a]));
  return new Map(
    names.map((name): [string, IssuanceSubject | InkanError] => {
      const account = byName.get(name);
      if (!account) return [name, new InkanError("NOT_FOUND", { en: `No account named "${name}". Create the account first.`, ja: `アカウント「${name}」はありません。先にアカウントを作成してください。` })];
      if (account.status === "DELETED") return [name, new InkanError("CONFLICT", { en: `The account "${name}" was deleted; it gets no new certificates.`, ja: `アカウント「${name}」は削除されているため、新しい証明書は発行できません。` })];
      if (account.status !== "ACTIVE") return [name, new InkanError("CONFLICT", { en: `The account "${name}" is disabled; enable it before issuing.`, ja: `アカウント「${name}」は無効です。発行する前に有効にしてください。` })];
      const template = templates.get(account.id)!;
      return [name, template instanceof InkanError ? template : { account, template }];
    }),
  );
});

/** The active account of this name and its template, or the refusal that says how to fix it. */
async function issuanceSubject(name: string): Promise<IssuanceSubject> {
  const subject = await issuanceSubjects.load(name);
  if (subject instanceof InkanError) throw subject;
  return subject!;
}

export function keyAlgorithmOf(d: KeyDescription): string {
  return d.type === "rsa" ? `RSA-${d.bits}` : `ECDSA-${d.curve?.replace("-", "")}`;
}

/** A CA as signing needs it: its exact subject Name DER, key identifier and unsealed signer. */
interface IssuingAuthority {
  id: string;
  slug: string;
  certificateDer: Buffer;
  subjectDer: Buffer;
  keyIdentifier: Buffer;
  signer: Signer;
}

// Loaded and unsealed once per process and database client, instead of one read per
// certificate. Every write transaction re-reads the certificates of its CAs, so a CA that
// was replaced meanwhile is noticed there: the issuance is signed again with the new one.
const authorityCache = new WeakMap<object, Map<string, Promise<IssuingAuthority>>>();

function issuingAuthority(slug: string): Promise<IssuingAuthority> {
  const db = getDb();
  let bySlug = authorityCache.get(db);
  if (!bySlug) authorityCache.set(db, (bySlug = new Map()));
  let ca = bySlug.get(slug);
  if (!ca) {
    ca = loadAuthority(slug).then((row) => ({
      id: row.id, slug: row.slug, certificateDer: row.certificateDer, subjectDer: row.subjectDer,
      keyIdentifier: row.keyIdentifier, signer: caSigner(row.slug, row.encryptedKey),
    }));
    bySlug.set(slug, ca);
    ca.catch(() => bySlug.delete(slug));
  }
  return ca;
}

function forgetAuthority(slug: string): void {
  authorityCache.get(getDb())?.delete(slug);
}

class AuthorityChanged extends Error {}

/** A signed certificate waiting for its transaction, with what that transaction re-checks and records. */
interface SignedCertificate {
  account: AccountView;
  template: EffectiveTemplate;
  ca: IssuingAuthority;
  now: Date;
  data: Omit<Certificate, "id" | "createdAt" | "revokedAt" | "revocationReason">;
  event: TimedAuditEvent;
}

/**
 * Signs a certificate for the account's key, then stores it with its audit event in one
 * transaction. Concurrent issuances share that transaction (group commit, see GroupCommit in
 * lib/db.ts); each is still checked on its own and gets its own audit event.
 */
async function signAndStore(
  target: IssueTarget,
  account: AccountView,
  template: EffectiveTemplate,
  key: { spki: Buffer; description: KeyDescription; privateKey?: KeyObject; requestedSubject?: DistinguishedName },
  source: "KEYGEN" | "CSR",
  actor: Actor,
  now: Date,
  submitting: () => void,
  extraDetails: Record<string, unknown> = {},
): Promise<CertificateView> {
  const slug = target.ca ?? DEFAULT_CA_SLUG;
  // A 128-bit random serial colliding is practically impossible; the unique index still decides.
  for (let attempt = 0; ; attempt++) {
    const certificate = await signCertificate();
    submitting();
    try {
      return await signedCertificates.submit(certificate);
    } catch (err) {
      if (attempt < 3 && err instanceof AuthorityChanged) {
        forgetAuthority(slug);
        continue;
      }
      if (attempt < 3 && isUniqueViolation(err)) continue;
      throw err;
    }
  }

  async function signCertificate(): Promise<SignedCertificate> {
    const ca = await issuingAuthority(slug);
    const profile = profileForAccount(account, key, { now, crlUrl: crlUrlFor(getConfig().publicUrl, ca.slug), template, requestedSubject: key.requestedSubject });
    const serialBytes = newSerial();
    const serial = serialToHex(serialBytes);
    const der = await buildCertificate(profile, { issuer: { name: ca.subjectDer, keyIdentifier: ca.keyIdentifier }, signer: ca.signer, serial: serialBytes });
    const keyAlgorithm = keyAlgorithmOf(key.description);
    return {
      account, template, ca, now,
      data: {
        caId: ca.id,
        accountId: account.id,
        templateId: recordedTemplateId(template),
        serial,
        subject: profile.subject.map((a) => `${a.type}=${a.value}`).reverse().join(","),
        sans: JSON.stringify(describeProfileSans(profile)),
        keyAlgorithm,
        notBefore: profile.notBefore,
        notAfter: profile.notAfter,
        status: "ISSUED",
        source,
        certificateDer: toBytes(der),
        privateKeyEncrypted: key.privateKey ? toBytes(sealLeafKey(ca.id, serial, key.privateKey)) : null,
      },
      event: {
        at: now,
        input: {
          actor,
          action: "certificate.issue",
          target: { type: "certificate", id: serial },
          details: { ca: ca.slug, account: account.name, source, keyAlgorithm, notAfter: profile.notAfter.toISOString(), ...extraDetails },
        },
      },
    };
  }
}

const signedCertificates = new GroupCommit(storeSignedCertificates);

/**
 * The write transaction of a batch of signed certificates: each account must still be active,
 * each CA unchanged, each template's limit of valid certificates kept; then the certificates
 * and their audit events are inserted, each kind with one statement. A refused certificate
 * fails alone.
 */
async function storeSignedCertificates(tx: Tx, batch: SignedCertificate[]): Promise<GroupOutcome<CertificateView>[]> {
  const unique = (ids: string[]) => [...new Set(ids)];
  const accounts = await tx.account.findMany({ where: { id: { in: unique(batch.map((s) => s.account.id)) } }, select: { id: true, status: true } });
  const active = new Set(accounts.filter((a) => a.status === "ACTIVE").map((a) => a.id));
  const cas = await tx.certificateAuthority.findMany({ where: { id: { in: unique(batch.map((s) => s.ca.id)) } }, select: { id: true, certificateDer: true, revokedAt: true } });
  const caCertificates = new Map(cas.map((c) => [c.id, Buffer.from(c.certificateDer)]));
  const revokedCas = new Set(cas.filter((c) => c.revokedAt).map((c) => c.id));
  const limits = await certificateLimits(tx, batch, new Date(Math.min(...batch.map((s) => s.now.getTime()))));

  const refusals = batch.map((s): InkanError | AuthorityChanged | null => {
    try {
      if (!active.has(s.account.id)) throw new InkanError("CONFLICT", { en: `The account "${s.account.name}" was disabled or deleted meanwhile; nothing was issued.`, ja: `その間にアカウント「${s.account.name}」が無効化または削除されました。何も発行していません。` });
      if (!caCertificates.get(s.ca.id)?.equals(s.ca.certificateDer)) throw new AuthorityChanged(`CA ${s.ca.slug} changed`);
      if (revokedCas.has(s.ca.id)) throw new InkanError("CONFLICT", { en: `The CA ${s.ca.slug} is revoked and issues nothing more. Issue from another CA.`, ja: `認証局 ${s.ca.slug} は失効しているため、これ以上発行できません。別の認証局から発行してください。` });
      // In batch order, so a later certificate of the same account sees the earlier ones.
      limits.admit(s.account, s.template);
      return null;
    } catch (error) {
      if (error instanceof InkanError || error instanceof AuthorityChanged) return error;
      throw error;
    }
  });
  const stored = batch.filter((_, i) => !refusals[i]);
  const createdAt = new Date();
  const rows = new Map(stored.map((s) => [s, { id: newRowId(), ...s.data, createdAt }]));
  await insertRows(tx, "Certificate", [...rows.values()]);
  await recordEvents(tx, stored.map((s) => s.event));

  return batch.map((s, i): GroupOutcome<CertificateView> => {
    const refusal = refusals[i];
    if (refusal) return { ok: false, error: refusal };
    return {
      ok: true,
      value: toCertificateView({
        ...rows.get(s)!, revokedAt: null, revocationReason: null,
        ca: { slug: s.ca.slug }, account: { name: s.account.name, kind: s.account.kind },
      }),
    };
  });
}

/** Parses and checks a CSR against an account without issuing (the "confirm CSR content" step). */
export async function previewCsr(target: IssueTarget, csrInput: Buffer | string): Promise<{ csr: ParsedCsr; ignored: string[] }> {
  const csr = parseCsrOrThrow(csrInput);
  const { account, template } = await issuanceSubject(target.account);
  return { csr, ...reviewCsrForAccount(csr, account, template) };
}

function parseCsrOrThrow(input: Buffer | string): ParsedCsr {
  try {
    return parseCsr(input);
  } catch (err) {
    throw fromPkiError(err, { en: "CSR", ja: "CSR" });
  }
}

/** Issues a certificate for the public key in an uploaded CSR (PEM or DER). */
export async function issueFromCsr(target: IssueTarget & { csr: Buffer | string }, actor: Actor, now = new Date()): Promise<CertificateView> {
  const csr = parseCsrOrThrow(target.csr);
  const coming = signedCertificates.expect(); // lets a batch being written wait for this issuance (GroupCommit.expect)
  try {
    const { account, template } = await issuanceSubject(target.account);
    const { ignored } = reviewCsrForAccount(csr, account, template);
    const key = { spki: csr.subjectPublicKeySpki, description: csr.key, requestedSubject: csr.subject };
    return await signAndStore(target, account, template, key, "CSR", actor, now, coming, { csrSubject: csr.subjectString, ignored });
  } finally {
    coming();
  }
}

/** Generates the key on the server, issues, and keeps the key sealed for PKCS#12 delivery. */
export async function issueWithServerKey(
  target: IssueTarget & { keyAlgorithm?: KeyAlgorithm },
  actor: Actor,
  now = new Date(),
): Promise<CertificateView> {
  const coming = signedCertificates.expect();
  try {
    // Fail fast (disabled account, server rule) before spending a key generation; the template names the default key.
    const { account, template } = await issuanceSubject(target.account);
    const keyPair = await generateKeyPair(target.keyAlgorithm ?? template.keyAlgorithm);
    const spki = spkiOf(keyPair.publicKey);
    return await signAndStore(target, account, template, { spki, description: describeKey(spki), privateKey: keyPair.privateKey }, "KEYGEN", actor, now, coming);
  } finally {
    coming();
  }
}
