import argon2 from "argon2";

// argon2id with OWASP's minimum parameters (19 MiB, 2 passes): strong enough for
// administrators and UA users, cheap enough for a 2-core server under sign-in load.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Verified against when the account does not exist, so timing does not reveal which e-mails exist.
let decoyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/** True when `password` matches `hash`; an absent hash still costs one verification. */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    decoyHash ??= argon2.hash("inkan-decoy-password", OPTIONS);
    await argon2.verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
