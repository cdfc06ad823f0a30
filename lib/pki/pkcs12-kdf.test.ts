import { describe, expect, it } from "vitest";
import { bmpPassword, pkcs12Kdf } from "./pkcs12-crypto";

// Known answers for the RFC 7292 Appendix B.2 KDF at the iteration count Inkan writes (2048),
// produced by OpenSSL 3.0's PKCS12KDF, e.g. for the first row:
//   openssl kdf -keylen 24 -kdfopt digest:SHA1 -kdfopt hexpass:0073006d006500670000 \
//     -kdfopt hexsalt:0A58CF64530D823F -kdfopt iter:2048 -kdfopt id:1 PKCS12KDF
// (OpenSSL takes the password already as BMPString with its two zero bytes: "smeg" → 0073006d006500670000.)
const SALT = Buffer.from("0A58CF64530D823F", "hex");

describe("pkcs12Kdf (RFC 7292 Appendix B.2) against OpenSSL", () => {
  it("derives the 3DES key (two SHA-1 blocks), IV and MAC key at 2,048 iterations", () => {
    const pw = bmpPassword("smeg");
    expect(pkcs12Kdf("sha1", pw, SALT, 1, 2048, 24).toString("hex").toUpperCase()).toBe("A47D8885AC455B8C81B82B5B3117B212A272BFD5A0B6BABF");
    expect(pkcs12Kdf("sha1", pw, SALT, 2, 2048, 24).toString("hex").toUpperCase()).toBe("7E450A95C7B0FBA48FECA97730289FF16D530F851E70AE32");
    expect(pkcs12Kdf("sha1", pw, SALT, 2, 2048, 8).toString("hex").toUpperCase()).toBe("7E450A95C7B0FBA4");
    expect(pkcs12Kdf("sha1", pw, SALT, 3, 2048, 20).toString("hex").toUpperCase()).toBe("044D8D92659B1119A81493C238B7086DBE945564");
  });

  it("derives a SHA-256 MAC key at 2,048 iterations", () => {
    expect(pkcs12Kdf("sha256", bmpPassword("smeg"), SALT, 3, 2048, 32).toString("hex").toUpperCase()).toBe(
      "E4388CD88983083B1D1552867406CB3426E16CBCF4358C7BF5A97CDB2A11DB46",
    );
  });
});
