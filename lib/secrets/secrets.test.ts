import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { forgetMasterKey, openSecret, sealSecret } from "./index";

let dir: string;
const saved = { ...process.env };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "inkan-secrets-"));
  process.env.INKAN_DATA_DIR = dir;
  delete process.env.INKAN_MASTER_KEY;
  resetConfigForTests();
  forgetMasterKey();
});

afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
  forgetMasterKey();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("sealing secrets at rest", () => {
  it("round-trips and never contains the plaintext", () => {
    const secret = Buffer.from("-----BEGIN PRIVATE KEY----- pretend");
    const sealed = sealSecret(secret, "ca-key:ia1");
    expect(sealed.includes(secret)).toBe(false);
    expect(openSecret(sealed, "ca-key:ia1")).toEqual(secret);
  });

  it("creates the master key file once with mode 0600 and reuses it", () => {
    const sealed = sealSecret(Buffer.from("x"), "p");
    const file = path.join(dir, "master.key");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const first = fs.readFileSync(file, "utf8");
    forgetMasterKey();
    expect(openSecret(sealed, "p").toString()).toBe("x");
    expect(fs.readFileSync(file, "utf8")).toBe(first);
  });

  it("refuses a sealed value moved to another record", () => {
    const sealed = sealSecret(Buffer.from("key"), "leaf-key:a:1");
    expect(() => openSecret(sealed, "leaf-key:a:2")).toThrow(/cannot be decrypted/);
  });

  it("refuses a tampered value and a different master key", () => {
    const sealed = sealSecret(Buffer.from("key"), "p");
    const tampered = Buffer.from(sealed);
    tampered[20] ^= 1;
    expect(() => openSecret(tampered, "p")).toThrow(/cannot be decrypted/);
    process.env.INKAN_MASTER_KEY = "ab".repeat(32);
    resetConfigForTests();
    forgetMasterKey();
    expect(() => openSecret(sealed, "p")).toThrow(/INKAN_MASTER_KEY/);
  });

  it("rejects a master key that is not 32 bytes with a message saying how to make one", () => {
    process.env.INKAN_MASTER_KEY = "too-short";
    resetConfigForTests();
    forgetMasterKey();
    expect(() => sealSecret(Buffer.from("x"), "p")).toThrow(/openssl rand -base64 32/);
  });
});
