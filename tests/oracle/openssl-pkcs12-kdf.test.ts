import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { bmpPassword, pkcs12Kdf, type MacHash } from "@/lib/pki/pkcs12-crypto";
import { OPENSSL, run } from "./oracle-helpers";

function opensslKdf(hash: MacHash, password: Buffer, salt: Buffer, id: number, iterations: number, n: number): string {
  const r = run(OPENSSL, [
    "kdf", "-keylen", String(n), "-kdfopt", `digest:${hash.toUpperCase()}`, "-kdfopt", `hexpass:${password.toString("hex")}`,
    "-kdfopt", `hexsalt:${salt.toString("hex")}`, "-kdfopt", `iter:${iterations}`, "-kdfopt", `id:${id}`, "PKCS12KDF",
  ]);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.replace(/[\s:]/g, "").toLowerCase();
}

describe("the RFC 7292 KDF agrees with OpenSSL's PKCS12KDF", () => {
  // Passwords shorter and longer than the 64-byte block, non-ASCII, empty; salts of 8 and 20 bytes;
  // output lengths that need one, two and three hash blocks.
  const passwords = ["", "correct horse", "パスワード🔑", "x".repeat(70)];
  const cases = [
    ["sha1", 1, 24, 2048], ["sha1", 2, 8, 2048], ["sha1", 3, 20, 1], ["sha1", 1, 45, 3],
    ["sha256", 3, 32, 2048], ["sha256", 1, 70, 1000],
  ] as const;
  it.each(cases)("%s id %i, %i bytes, %i iterations", (hash, id, n, iterations) => {
    for (const pw of passwords) {
      const password = bmpPassword(pw);
      const salt = crypto.randomBytes(pw.length % 2 === 0 ? 8 : 20);
      expect(pkcs12Kdf(hash, password, salt, id, iterations, n).toString("hex"), `password "${pw}"`).toBe(opensslKdf(hash, password, salt, id, iterations, n));
    }
  });
});
