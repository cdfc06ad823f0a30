import { z } from "zod";
import { KEY_ALGORITHMS, REVOCATION_REASON_CODES } from "@/lib/pki";

// removeFromCRL only has meaning in delta CRLs (RFC 5280 §5.3.1), which Inkan does not issue.
export const REVOCATION_REASONS = Object.keys(REVOCATION_REASON_CODES).filter((r) => r !== "removeFromCRL");

export const keyAlgorithmSchema = z.enum(KEY_ALGORITHMS as unknown as [string, ...string[]], {
  message: `Choose one of ${KEY_ALGORITHMS.join(", ")}.`,
});

export const revocationReasonSchema = z.enum(REVOCATION_REASONS as unknown as [string, ...string[]], {
  message: `Use an RFC 5280 reason: ${REVOCATION_REASONS.join(", ")}.`,
});

/** Serials are accepted as hex with or without colons, any case, optional leading zeros. */
export const serialSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[:\s]/g, "").toLowerCase().replace(/^0+(?=.)/, ""))
  .refine((s) => /^[0-9a-f]{1,40}$/.test(s), "A serial is up to 40 hex digits (colons allowed).");

// PKCS#12 passwords: long enough to resist guessing of a file that leaves the server,
// printable ASCII so every importer (Windows, iOS, Android, Java) reads it the same way.
export const pkcs12PasswordSchema = z
  .string()
  .min(8, "The PKCS#12 password needs at least 8 characters.")
  .max(128, "The PKCS#12 password may have at most 128 characters.")
  .regex(/^[\x20-\x7e]+$/, "Use printable ASCII characters only: some devices cannot import PKCS#12 files with other characters in the password.");

export const pkcs12EncryptionSchema = z.enum(["legacy", "aes256"]).default("legacy");

export const MAX_CSR_BYTES = 64 * 1024;
