/** PEM textual encoding (RFC 7468): labels "CERTIFICATE", "X509 CRL", "CERTIFICATE REQUEST", ... */
import { PkiError } from "./errors";

/** PEM labels used by this PKI (RFC 7468 §5-§7; "NEW CERTIFICATE REQUEST" is a legacy alias). */
export const PEM_LABEL = {
  CERTIFICATE: "CERTIFICATE",
  X509_CRL: "X509 CRL",
  CERTIFICATE_REQUEST: "CERTIFICATE REQUEST",
  PRIVATE_KEY: "PRIVATE KEY",
  PUBLIC_KEY: "PUBLIC KEY",
} as const;

/** PEM text for DER bytes: base64 in 64-character lines, trailing newline (RFC 7468 §2). */
export function toPem(label: string, der: Buffer): string {
  if (!/^[\x21-\x2c\x2e-\x7e]+( [\x21-\x2c\x2e-\x7e]+)*$/.test(label)) {
    throw new PkiError("INVALID_ARGUMENT", `"${label}" is not a valid PEM label (RFC 7468 §3).`);
  }
  const b64 = der.toString("base64");
  let body = "";
  for (let i = 0; i < b64.length; i += 64) body += b64.slice(i, i + 64) + "\n";
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** One decoded PEM block. */
export interface PemBlock {
  label: string;
  der: Buffer;
}

const BLOCK = /-----BEGIN ([^-\r\n]*)-----([\s\S]*?)-----END ([^-\r\n]*)-----/g;

/** Every PEM block in `text`, in order (explanatory text between blocks is ignored, RFC 7468 §2). */
export function fromPemAll(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const [, begin, body, end] = m;
    if (begin !== end) {
      throw new PkiError("MALFORMED_INPUT", `PEM block "BEGIN ${begin}" is closed by "END ${end}"; the file is damaged.`);
    }
    const b64 = body.replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) {
      throw new PkiError("MALFORMED_INPUT", `The ${begin} PEM block is not valid base64 (encrypted or damaged PEM is not supported).`);
    }
    const der = Buffer.from(b64, "base64");
    if (der.length === 0) throw new PkiError("EMPTY_INPUT", `The ${begin} PEM block is empty.`);
    blocks.push({ label: begin, der });
  }
  return blocks;
}

/**
 * The first PEM block of `text`, or of one of `expectedLabels` when given.
 * Throws EMPTY_INPUT for blank text and MALFORMED_INPUT when no suitable block is found.
 */
export function fromPem(text: string, expectedLabels?: readonly string[]): PemBlock {
  if (typeof text !== "string" || text.trim() === "") throw new PkiError("EMPTY_INPUT", "The PEM text is empty; paste or upload the file content.");
  const blocks = fromPemAll(text);
  if (blocks.length === 0) throw new PkiError("MALFORMED_INPUT", "No PEM block (-----BEGIN ...-----) was found in the text.");
  if (!expectedLabels) return blocks[0];
  const hit = blocks.find((b) => expectedLabels.includes(b.label));
  if (!hit) {
    throw new PkiError(
      "MALFORMED_INPUT",
      `Expected a PEM block labelled ${expectedLabels.map((l) => `"${l}"`).join(" or ")}, found ${blocks.map((b) => `"${b.label}"`).join(", ")}.`,
    );
  }
  return hit;
}

/** True when the bytes look like PEM text rather than DER (DER starts with a SEQUENCE tag). */
export function looksLikePem(input: Buffer | string): boolean {
  if (typeof input === "string") return input.includes("-----BEGIN ");
  return input.length > 0 && input[0] !== 0x30 && input.includes("-----BEGIN ");
}
