"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/guard";
import { STAFF, ADMIN_ONLY } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { runAction, type ActionResult } from "@/lib/action-result";
import { issueFromCsr, issueWithServerKey, previewCsr } from "./issue";
import { revokeCertificate } from "./revoke";
import { publishCrl } from "./crl";
import { keyAlgorithmSchema, MAX_CSR_BYTES, pkcs12PasswordSchema, revocationReasonSchema, serialSchema } from "./schema";
import type { KeyAlgorithm, RevocationReason } from "@/lib/pki";

async function csrFromForm(form: FormData): Promise<Buffer> {
  const file = form.get("csr");
  if (!(file instanceof File) || file.size === 0) throw new InkanError("VALIDATION", "Choose a CSR file (PEM or DER); the one given is empty.");
  if (file.size > MAX_CSR_BYTES) throw new InkanError("TOO_LARGE", `The file is ${file.size} bytes; a CSR is at most ${MAX_CSR_BYTES} bytes. Is it the right file?`);
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
    if (!alg.success) throw new InkanError("VALIDATION", alg.error.issues[0].message);
    const password = pkcs12PasswordSchema.safeParse(pkcs12Password);
    if (!password.success) throw new InkanError("VALIDATION", password.error.issues[0].message);
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
    if (!serial.success) throw new InkanError("VALIDATION", serial.error.issues[0].message);
    if (!reason.success) throw new InkanError("VALIDATION", reason.error.issues[0].message);
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
