import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { PkiError } from "./errors";
import { describeKey, generateKeyPair, importPublicKey, splitSpki, spkiOf, subjectKeyIdentifier } from "./keys";
import { localSigner } from "./signer";
import { KEY_ALGORITHMS } from "./types";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as PkiError).code;
  }
};

describe("keys and signers", () => {
  it("generates every supported algorithm and describes it back", async () => {
    const expected = {
      "RSA-2048": { type: "rsa", bits: 2048, sig: "sha256WithRSAEncryption" },
      "RSA-3072": { type: "rsa", bits: 3072, sig: "sha256WithRSAEncryption" },
      "RSA-4096": { type: "rsa", bits: 4096, sig: "sha256WithRSAEncryption" },
      "ECDSA-P256": { type: "ec", bits: 256, curve: "P-256", sig: "ecdsa-with-SHA256" },
      "ECDSA-P384": { type: "ec", bits: 384, curve: "P-384", sig: "ecdsa-with-SHA384" },
    } as const;
    const pairs = await Promise.all(KEY_ALGORITHMS.map((alg) => generateKeyPair(alg)));
    KEY_ALGORITHMS.forEach((alg, i) => {
      const { privateKey, publicKey } = pairs[i];
      const d = describeKey(spkiOf(publicKey));
      const e = expected[alg];
      expect(d.type).toBe(e.type);
      expect(d.bits).toBe(e.bits);
      expect(d.keyAlgorithm).toBe(alg);
      if ("curve" in e) expect(d.curve).toBe(e.curve);
      expect(publicKey.asymmetricKeyDetails?.publicExponent ?? 65537n).toBe(65537n);
      const signer = localSigner(privateKey);
      expect(signer.algorithm).toBe(e.sig);
      expect(signer.publicKeySpki.equals(spkiOf(publicKey))).toBe(true);
    });
  }, 60_000);

  it("signs asynchronously with a signature that node:crypto verifies", async () => {
    for (const alg of ["RSA-2048", "ECDSA-P384"] as const) {
      const { privateKey, publicKey } = await generateKeyPair(alg);
      const signer = localSigner(privateKey);
      const data = Buffer.from("to be signed");
      const sig = await signer.sign(data);
      expect(crypto.verify(alg === "RSA-2048" ? "sha256" : "sha384", data, publicKey, sig)).toBe(true);
    }
  });

  it("signs inputs of 256 KiB and more on the calling thread, with a signature that node:crypto verifies", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RSA-2048");
    const data = crypto.randomBytes(300 * 1024);
    const sig = await localSigner(privateKey).sign(data);
    expect(crypto.verify("sha256", data, publicKey, sig)).toBe(true);
  });

  it("imports RSA keys, uncompressed and compressed EC points to the same key as the SPKI import", () => {
    const P256_COMPRESSED_PREFIX = Buffer.from("3039301306072a8648ce3d020106082a8648ce3d030107032200", "hex");
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    const p256 = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey;
    const p384 = crypto.generateKeyPairSync("ec", { namedCurve: "secp384r1" }).publicKey;
    const compressedPoint = crypto.ECDH.convertKey(spkiOf(p256).subarray(-65), "prime256v1", undefined, undefined, "compressed") as Buffer;
    const compressed = Buffer.concat([P256_COMPRESSED_PREFIX, compressedPoint]);
    for (const [spki, expected] of [[spkiOf(rsa), rsa], [spkiOf(p256), p256], [spkiOf(p384), p384], [compressed, p256]] as const) {
      const key = importPublicKey(spki, splitSpki(spki), describeKey(spki));
      expect(key.equals(expected)).toBe(true);
    }
  });

  it("refuses an EC point that is not on the curve", () => {
    const spki = Buffer.from(spkiOf(crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey));
    spki[spki.length - 1] ^= 0x01; // y changed: (x, y') is not on P-256
    expect(() => importPublicKey(spki, splitSpki(spki), describeKey(spki))).toThrow();
  });

  it("computes the key identifier as SHA-1 of the subjectPublicKey bits (RFC 5280 §4.2.1.2 method 1)", async () => {
    const { publicKey } = await generateKeyPair("ECDSA-P256");
    const raw = publicKey.export({ format: "jwk" });
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(raw.x!, "base64url"), Buffer.from(raw.y!, "base64url")]);
    expect(subjectKeyIdentifier(spkiOf(publicKey)).equals(crypto.createHash("sha1").update(point).digest())).toBe(true);
  });

  it("refuses weak, exotic and malformed keys with precise codes", () => {
    const rsa1024 = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
    expect(codeOf(() => describeKey(spkiOf(rsa1024.publicKey)))).toBe("WEAK_KEY");
    expect(codeOf(() => localSigner(rsa1024.privateKey))).toBe("WEAK_KEY");
    const p521 = crypto.generateKeyPairSync("ec", { namedCurve: "secp521r1" });
    expect(codeOf(() => describeKey(spkiOf(p521.publicKey)))).toBe("UNSUPPORTED_CURVE");
    expect(codeOf(() => localSigner(p521.privateKey))).toBe("UNSUPPORTED_CURVE");
    const k1 = crypto.generateKeyPairSync("ec", { namedCurve: "secp256k1" });
    expect(codeOf(() => describeKey(spkiOf(k1.publicKey)))).toBe("UNSUPPORTED_CURVE");
    const ed = crypto.generateKeyPairSync("ed25519");
    expect(codeOf(() => describeKey(spkiOf(ed.publicKey)))).toBe("UNSUPPORTED_ALGORITHM");
    expect(codeOf(() => localSigner(ed.privateKey))).toBe("UNSUPPORTED_ALGORITHM");
    expect(codeOf(() => localSigner(ed.publicKey))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => describeKey(Buffer.from("300100", "hex")))).toBe("MALFORMED_INPUT");
    return expect(generateKeyPair("DSA-1024" as "RSA-2048")).rejects.toMatchObject({ code: "UNSUPPORTED_ALGORITHM" });
  });
});
