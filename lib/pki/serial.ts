/** Certificate serial numbers (RFC 5280 §4.1.2.2: positive, unique per CA, at most 20 octets). */
import type { NonSharedBuffer } from "node:buffer";
import crypto from "node:crypto";
import { PkiError } from "./errors";

/** Length of generated serials: 16 octets, 126 of their bits random. */
export const SERIAL_LENGTH = 16;

/**
 * New random serial as the content bytes of a DER INTEGER: 16 bytes from the CSPRNG with the
 * top bit cleared (positive) and the next bit set (first byte non-zero, so the encoding is
 * minimal and always 16 bytes), leaving 126 random bits (CA/B BR §7.1 asks for 64).
 */
export function newSerial(): NonSharedBuffer {
  const b = crypto.randomBytes(SERIAL_LENGTH);
  b[0] = (b[0] & 0x3f) | 0x40;
  return b;
}

/** Checks that `serial` is the minimal DER INTEGER content of a positive number of ≤ 20 octets. */
export function assertValidSerial(serial: Buffer): void {
  if (!Buffer.isBuffer(serial) || serial.length === 0) {
    throw new PkiError("INVALID_ARGUMENT", "A serial number must be a non-empty Buffer (DER INTEGER content bytes).");
  }
  if (serial[0] & 0x80) throw new PkiError("INVALID_ARGUMENT", "The serial number is negative; serials must be positive (RFC 5280 §4.1.2.2).");
  if (serial.length > 1 && serial[0] === 0 && serial[1] < 0x80) {
    throw new PkiError("INVALID_ARGUMENT", "The serial number has a superfluous leading zero byte; pass its minimal encoding (serialFromHex does this).");
  }
  if (serial.length > 20) {
    throw new PkiError("INVALID_ARGUMENT", "The serial number is longer than 20 octets including its sign byte (RFC 5280 §4.1.2.2).");
  }
  if (serial.length === 1 && serial[0] === 0) throw new PkiError("INVALID_ARGUMENT", "The serial number is zero; serials must be positive (RFC 5280 §4.1.2.2).");
}

/** Lowercase hex of a serial without the DER sign byte (the form stored and shown to admins). */
export function serialToHex(serial: Buffer): string {
  const start = serial.length > 1 && serial[0] === 0 ? 1 : 0;
  return serial.toString("hex", start);
}

/** Serial content bytes from hex (case-insensitive, optional colons), minimal and positive. */
export function serialFromHex(hex: string): NonSharedBuffer {
  const clean = typeof hex === "string" ? hex.replace(/:/g, "").toLowerCase() : "";
  if (!/^[0-9a-f]+$/.test(clean)) {
    throw new PkiError("MALFORMED_INPUT", `"${String(hex)}" is not a hexadecimal serial number.`);
  }
  let digits = clean.replace(/^0+/, "");
  if (digits.length === 0) throw new PkiError("MALFORMED_INPUT", "A serial number of zero is not valid (RFC 5280 §4.1.2.2).");
  if (digits.length % 2) digits = "0" + digits;
  const bytes = Buffer.from(digits, "hex");
  const serial = bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
  if (serial.length > 20) {
    throw new PkiError("MALFORMED_INPUT", "The serial number is longer than 20 octets (RFC 5280 §4.1.2.2).");
  }
  return serial;
}
