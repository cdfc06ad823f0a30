import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { InkanError } from "@/lib/errors";

// Sealing of secrets at rest (CA keys, server-held leaf keys): AES-256-GCM under the
// master key, with the record's purpose as associated data so a sealed value cannot
// be moved to another record and still open.
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

let masterKey: Buffer | undefined;

function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const candidates = [
    /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : undefined,
    Buffer.from(trimmed, "base64"),
  ];
  const key = candidates.find((k) => k?.length === 32);
  if (!key) {
    throw new InkanError(
      "VALIDATION",
      {
        en: "INKAN_MASTER_KEY must be 32 bytes, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`).",
        ja: "INKAN_MASTER_KEY は32バイトで、16進数64桁か base64 で指定してください(例: `openssl rand -base64 32`)。",
      },
    );
  }
  return key;
}

/** A random secret kept in a file under the data directory, created once with mode 0600. */
export function readOrCreateSecretFile(name: string): string {
  const { dataDir } = getConfig();
  const file = path.join(dataDir, name);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    // "wx" fails if another process created it first; then we read theirs.
    fs.writeFileSync(file, randomBytes(32).toString("base64") + "\n", { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** The master key: INKAN_MASTER_KEY, else a key file made once under the data directory. */
export function loadMasterKey(): Buffer {
  masterKey ??= parseKey(getConfig().masterKey ?? readOrCreateSecretFile("master.key"));
  return masterKey;
}

/** Tests switch data directories between files. */
export function forgetMasterKey(): void {
  masterKey = undefined;
}

/** Encrypts `plaintext` for storage; `purpose` names the record it belongs to. */
export function sealSecret(plaintext: Buffer, purpose: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", loadMasterKey(), iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]);
}

/** Decrypts a value made by sealSecret for the same purpose; fails loudly on any mismatch. */
export function openSecret(sealed: Uint8Array, purpose: string): Buffer {
  const buf = Buffer.from(sealed);
  if (buf.length < 1 + IV_BYTES + TAG_BYTES || buf[0] !== VERSION) {
    throw new InkanError("INTERNAL", { en: `Stored secret for ${purpose} is not in a format this version can read.`, ja: `${purpose} の保存済みシークレットは、このバージョンで読める形式ではありません。` });
  }
  const iv = buf.subarray(1, 1 + IV_BYTES);
  const tag = buf.subarray(buf.length - TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", loadMasterKey(), iv);
  decipher.setAAD(Buffer.from(purpose, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new InkanError(
      "INTERNAL",
      {
        en: `Stored secret for ${purpose} cannot be decrypted: is INKAN_MASTER_KEY (or data/master.key) the one it was sealed with?`,
        ja: `${purpose} の保存済みシークレットを復号できません。INKAN_MASTER_KEY(または data/master.key)が暗号化したときのものか確認してください。`,
      },
    );
  }
}
