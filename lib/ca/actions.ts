"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/guard";
import { STAFF, ADMIN_ONLY } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";
import { runAction, type ActionResult } from "@/lib/action-result";
import { issueFromCsr, issueWithServerKey, previewCsr } from "./issue";
import { revokeCertificate } from "./revoke";
import { publishCrl } from "./crl";
import { createAuthority, revokeAuthority } from "./authorities";
import { revokeCertificates, type BulkRevokeResult } from "./bulk-revoke";
import { keyAlgorithmSchema, MAX_CSR_BYTES, pkcs12PasswordSchema, revocationReasonSchema, serialSchema } from "./schema";
import type { KeyAlgorithm, RevocationReason } from "@/lib/pki";

async function csrFromForm(form: FormData): Promise<Buffer> {
  const file = form.get("csr");
  if (!(file instanceof File) || file.size === 0) throw new InkanError("VALIDATION", { en: "Choose a CSR file (PEM or DER); the one given is empty.", ja: "CSRファイル(PEMまたはDER)を選んでください。指定されたファイルは空です。" });
  if (file.size > MAX_CSR_BYTES) throw new InkanError("TOO_LARGE", { en: `The file is ${file.size} bytes; a CSR is at most ${MAX_CSR_BYTES} bytes. Is it the right file?`, ja: `ファイルは ${file.size} バイトですが、CSRは最大 ${MAX_CSR_BYTES} バイトです。正しいファイルか確認してください。` });
  return Buffer.from(await file.arrayBuffer());
}

export interface CsrPreview {
  subject: string;
  key: string;
  signatureValid: boolean;
  signatureAlgorithm: string;
  extensions: string[];
  ignored: string[];
}

/** "Confirm CSR content": parse and check the CSR for this account without issuing. */
export async function previewCsrAction(account: string, form: FormData): Promise<ActionResult<CsrPreview>> {
  return runAction(async () => {
    await requireActor(STAFF);
    const { csr, ignored } = await previewCsr({ account }, await csrFromForm(form));
    const ext = csr.requestedExtensions;
    return {
      subject: csr.subjectString || "(empty)",
      key: csr.key.type === "rsa" ? `RSA ${csr.key.bits} bit` : `ECDSA ${csr.key.curve}`,
      signatureValid: true,
      signatureAlgorithm: csr.signatureAlgorithm,
      extensions: [
        ...(ext.subjectAltNames?.dns ?? []).map((d) => `DNS:${d}`),
        ...(ext.subjectAltNames?.email ?? []).map((d) => `email:${d}`),
        ...(ext.extendedKeyUsage ?? []).map((e) => `EKU:${e}`),
        ...(ext.basicConstraints ? [`basicConstraints CA:${ext.basicConstraints.ca ? "TRUE" : "FALSE"}`] : []),
      ],
      ignored,
    };
  });
}

export async function issueFromCsrAction(account: string, form: FormData): Promise<ActionResult<{ serial: string }>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const cert = await issueFromCsr({ account, csr: await csrFromForm(form) }, actor);
    revalidatePath(`/ra/accounts/${encodeURIComponent(account)}`);
    return { serial: cert.serial };
  });
}

/**
 * Issues with a server-generated key. The PKCS#12 password is checked here, before a
 * certificate exists, so a bad password never leaves an orphan certificate; it is not kept.
 */
export async function issueWithServerKeyAction(account: string, keyAlgorithm: string, pkcs12Password: string): Promise<ActionResult<{ serial: string }>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const alg = keyAlgorithmSchema.safeParse(keyAlgorithm);
    if (!alg.success) throw new InkanError("VALIDATION", issueText(alg.error.issues[0].message));
    const password = pkcs12PasswordSchema.safeParse(pkcs12Password);
    if (!password.success) throw new InkanError("VALIDATION", issueText(password.error.issues[0].message));
    const cert = await issueWithServerKey({ account, keyAlgorithm: alg.data as KeyAlgorithm }, actor);
    revalidatePath(`/ra/accounts/${encodeURIComponent(account)}`);
    return { serial: cert.serial };
  });
}

export async function revokeCertificateAction(serialInput: string, reasonInput: string): Promise<ActionResult<{ serial: string }>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const serial = serialSchema.safeParse(serialInput);
    const reason = revocationReasonSchema.safeParse(reasonInput);
    if (!serial.success) throw new InkanError("VALIDATION", issueText(serial.error.issues[0].message));
    if (!reason.success) throw new InkanError("VALIDATION", issueText(reason.error.issues[0].message));
    const cert = await revokeCertificate({ serial: serial.data, reason: reason.data as RevocationReason }, actor);
    revalidatePath(`/ra/certificates/${cert.serial}`);
    revalidatePath(`/ra/accounts/${encodeURIComponent(cert.accountName)}`);
    return { serial: cert.serial };
  });
}

export async function publishCrlAction(slug: string): Promise<ActionResult<{ number: number }>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const result = await publishCrl(slug, actor);
    revalidatePath("/ra/authorities");
    return { number: result.number };
  });
}

/** Creates a root CA (no parent) or an intermediate signed by `parent`; ADMIN only. */
export async function createAuthorityAction(_prev: unknown, form: FormData): Promise<ActionResult<{ slug: string }>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const alg = keyAlgorithmSchema.safeParse(form.get("keyAlgorithm"));
    if (!alg.success) throw new InkanError("VALIDATION", issueText(alg.error.issues[0].message), { errors: [{ field: "keyAlgorithm", message: issueText(alg.error.issues[0].message) }] });
    const days = Number(form.get("validityDays"));
    const crlHours = Number(form.get("crlValidityHours") || 168);
    const parent = String(form.get("parent") ?? "").trim();
    const ca = await createAuthority({
      slug: String(form.get("slug") ?? "").trim(),
      name: String(form.get("name") ?? "").trim() || undefined,
      subject: String(form.get("subject") ?? ""),
      keyAlgorithm: alg.data as KeyAlgorithm,
      validityDays: days,
      crlValidityHours: crlHours,
      parent: parent || undefined,
    }, actor);
    revalidatePath("/ra/authorities");
    return { slug: ca.slug };
  });
}

/** Revokes an intermediate CA into its parent's CRL; ADMIN only. */
export async function revokeAuthorityAction(slug: string, reasonInput: string): Promise<ActionResult<{ parent: string }>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const reason = revocationReasonSchema.safeParse(reasonInput);
    if (!reason.success) throw new InkanError("VALIDATION", issueText(reason.error.issues[0].message));
    const result = await revokeAuthority({ slug, reason: reason.data as RevocationReason }, actor);
    revalidatePath(`/ra/authorities/${slug}`);
    return { parent: result.parent };
  });
}

/** Revokes the selected certificates (ids) with one reason; STAFF. */
export async function revokeCertificatesAction(ids: string[], reasonInput: string): Promise<ActionResult<BulkRevokeResult>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const reason = revocationReasonSchema.safeParse(reasonInput);
    if (!reason.success) throw new InkanError("VALIDATION", issueText(reason.error.issues[0].message));
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string")) throw new InkanError("VALIDATION", { en: "The selection is malformed; reload the list and select again.", ja: "選択内容が正しくありません。一覧を再読み込みして選び直してください。" });
    const result = await revokeCertificates({ ids, reason: reason.data as RevocationReason }, actor);
    revalidatePath("/ra/certificates");
    return result;
  });
}
