import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { iteratedHash } from "./iterated-hash";

function nativeChain(hash: "sha1" | "sha256", input: Buffer, n: number): Buffer {
  let a = crypto.hash(hash, input, "buffer");
  for (let r = 1; r < n; r++) a = crypto.hash(hash, a, "buffer");
  return a;
}

describe("iteratedHash", () => {
  it.each(["sha1", "sha256"] as const)("equals a chain of node:crypto %s calls for 1 to 2,048 rounds", (hash) => {
    for (const n of [1, 2, 3, 17, 64, 1000, 2048]) {
      for (const size of [0, 1, 55, 64, 128, 200]) {
        const input = crypto.randomBytes(size);
        expect(iteratedHash(hash, input, n).toString("hex"), `${hash} ×${n} of ${size} bytes`).toBe(nativeChain(hash, input, n).toString("hex"));
      }
    }
  });

  it("matches fixed answers (SHA-1 and SHA-256 of \"abc\", hashed again)", () => {
    // FIPS 180-4 examples: SHA-1("abc") and SHA-256("abc"); the second round is a digest of a digest.
    expect(iteratedHash("sha1", Buffer.from("abc"), 1).toString("hex")).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(iteratedHash("sha256", Buffer.from("abc"), 1).toString("hex")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(iteratedHash("sha1", Buffer.from("abc"), 2).toString("hex")).toBe(crypto.createHash("sha1").update(Buffer.from("a9993e364706816aba3e25717850c26c9cd0d89d", "hex")).digest("hex"));
    expect(iteratedHash("sha256", Buffer.from("abc"), 2).toString("hex")).toBe(crypto.createHash("sha256").update(Buffer.from("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "hex")).digest("hex"));
  });

  it("treats 0 iterations like 1 (one hash), as the KDF always hashes at least once", () => {
    const input = Buffer.from("x");
    expect(iteratedHash("sha1", input, 0).equals(crypto.hash("sha1", input, "buffer"))).toBe(true);
  });
});
