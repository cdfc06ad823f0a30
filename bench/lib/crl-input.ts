/** CRL input lists shaped like lib/ca/crl.ts builds them. */
import crypto from "node:crypto";
import type { CrlEntryInput, RevocationReason } from "../../lib/pki";

const REASONS: (RevocationReason | undefined)[] = [undefined, "keyCompromise", "superseded", "cessationOfOperation"];

/** Entries as publishCrl builds them: Buffer.from(hex) serials (pooled slices), Dates, reasons. */
export function makeEntries(size: number, order: "sorted" | "random"): CrlEntryInput[] {
  const rnd = crypto.randomBytes(size * 16);
  const hex: string[] = new Array(size);
  for (let i = 0; i < size; i++) {
    rnd[i * 16] = (rnd[i * 16] & 0x3f) | 0x40; // as newSerial(): positive, 16 octets
    hex[i] = rnd.toString("hex", i * 16, i * 16 + 16);
  }
  if (order === "sorted") hex.sort(); // equal length: string order = numeric order, as the service's ORDER BY serial
  const base = Date.UTC(2025, 0, 1);
  const entries: CrlEntryInput[] = new Array(size);
  for (let i = 0; i < size; i++) {
    const reason = REASONS[i & 3];
    const serial = Buffer.from(hex[i], "hex");
    const revokedAt = new Date(base + i * 30_000);
    entries[i] = reason ? { serial, revokedAt, reason } : { serial, revokedAt };
  }
  return entries;
}

