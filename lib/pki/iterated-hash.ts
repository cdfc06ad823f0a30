/**
 * H^n(x) = H(H(...H(x))) for the RFC 7292 Appendix B.2 KDF, whose step 6 hashes the previous
 * digest `iterations - 1` more times. After the first round every input is one digest, i.e.
 * exactly one padded 64-byte block (FIPS 180-4 §5.1.1), so the rounds run as bare compression
 * functions on a fixed Int32Array state: no Buffer and no native call per round. A
 * crypto.hash call costs 1–3 µs, a JS compression ~0.2 µs; the legacy PKCS#12 profile runs
 * 14,336 rounds per file.
 */
import crypto from "node:crypto";

export type IteratedHash = "sha1" | "sha256";

// Message schedule, reused by every round (all callers are synchronous).
const W = new Int32Array(80);

const SHA1_IV = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0];

/** `rounds` SHA-1 compressions of a 20-byte message held big-endian in `h` (FIPS 180-4 §6.1.2). */
function sha1Rounds(h: Int32Array, rounds: number): void {
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < 5; i++) W[i] = h[i];
    W[5] = 0x80000000 | 0; // the padding's 1 bit
    for (let i = 6; i < 15; i++) W[i] = 0;
    W[15] = 160; // message length in bits
    for (let i = 16; i < 80; i++) {
      const x = W[i - 3] ^ W[i - 8] ^ W[i - 14] ^ W[i - 16];
      W[i] = (x << 1) | (x >>> 31);
    }
    let a = SHA1_IV[0], b = SHA1_IV[1], c = SHA1_IV[2], d = SHA1_IV[3], e = SHA1_IV[4];
    // Four loops of 20 steps instead of a branch per step.
    for (let i = 0; i < 20; i++) {
      const t = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + W[i]) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
    }
    for (let i = 20; i < 40; i++) {
      const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + W[i]) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
    }
    for (let i = 40; i < 60; i++) {
      const t = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + (0x8f1bbcdc | 0) + W[i]) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
    }
    for (let i = 60; i < 80; i++) {
      const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + (0xca62c1d6 | 0) + W[i]) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
    }
    h[0] = (SHA1_IV[0] + a) | 0;
    h[1] = (SHA1_IV[1] + b) | 0;
    h[2] = (SHA1_IV[2] + c) | 0;
    h[3] = (SHA1_IV[3] + d) | 0;
    h[4] = (SHA1_IV[4] + e) | 0;
  }
}

// FIPS 180-4 §4.2.2 and §5.3.3.
const SHA256_K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const SHA256_IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/** `rounds` SHA-256 compressions of a 32-byte message held big-endian in `h` (FIPS 180-4 §6.2.2). */
function sha256Rounds(h: Int32Array, rounds: number): void {
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < 8; i++) W[i] = h[i];
    W[8] = 0x80000000 | 0;
    for (let i = 9; i < 15; i++) W[i] = 0;
    W[15] = 256;
    for (let i = 16; i < 64; i++) {
      const x = W[i - 15], y = W[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
    }
    let a = SHA256_IV[0], b = SHA256_IV[1], c = SHA256_IV[2], d = SHA256_IV[3];
    let e = SHA256_IV[4], f = SHA256_IV[5], g = SHA256_IV[6], k = SHA256_IV[7];
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (k + s1 + ((e & f) ^ (~e & g)) + SHA256_K[i] + W[i]) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] = (SHA256_IV[0] + a) | 0;
    h[1] = (SHA256_IV[1] + b) | 0;
    h[2] = (SHA256_IV[2] + c) | 0;
    h[3] = (SHA256_IV[3] + d) | 0;
    h[4] = (SHA256_IV[4] + e) | 0;
    h[5] = (SHA256_IV[5] + f) | 0;
    h[6] = (SHA256_IV[6] + g) | 0;
    h[7] = (SHA256_IV[7] + k) | 0;
  }
}

/** hash applied `iterations` times to `input` (iterations ≤ 1: one hash, as RFC 7292 treats c = 1). */
export function iteratedHash(hash: IteratedHash, input: Buffer, iterations: number): Buffer {
  const first = crypto.hash(hash, input, "buffer");
  if (iterations <= 1) return first;
  const words = first.length / 4;
  const h = new Int32Array(words);
  for (let i = 0; i < words; i++) h[i] = first.readInt32BE(i * 4);
  if (hash === "sha1") sha1Rounds(h, iterations - 1);
  else sha256Rounds(h, iterations - 1);
  const out = Buffer.allocUnsafe(words * 4);
  for (let i = 0; i < words; i++) out.writeInt32BE(h[i], i * 4);
  return out;
}
