import { getDb } from "@/lib/db";
import { recordEvent, recordStandaloneEvent, type Actor } from "@/lib/audit";
import { verifyPassword } from "@/lib/auth";
import { issueWithServerKey } from "@/lib/ca";
import { findUa, findUserAccount } from "./data";
import { uaSignInSchema } from "./schema";
import { UA_SESSION_MINUTES, type UaSession } from "./session";
import type { SignInRefusal } from "./types";

export type UaSignInResult = { ok: true; session: UaSession } | { ok: false; reason: SignInRefusal; lockedUntil?: Date };

/** The actor of an end user at a UA, for the audit log. */
export function uaUserActor(ua: string, userId: string, meta: { ip?: string; userAgent?: string }): Actor {
  return { kind: "anonymous", label: `ua:${ua}:${userId || "(empty)"}`, ...meta };
}

/**
 * Signs a user in at a UA with the account's UA password. Failures count per (UA, account);
 * reaching the UA's threshold locks sign-in for its lock time. Every attempt is audited.
 */
export async function signInUaUser(
  uaName: string,
  input: { userId: string; password: string },
  meta: { ip?: string; userAgent?: string },
  now = new Date(),
): Promise<UaSignInResult> {
  const parsed = uaSignInSchema.safeParse(input);
  const userId = parsed.success ? parsed.data.userId : String(input.userId ?? "").trim().slice(0, 128);
  const actor = uaUserActor(uaName, userId, meta);
  const fail = async (reason: SignInRefusal, extra: Record<string, unknown> = {}) => {
    await recordStandaloneEvent({ actor, action: "ua.signin", outcome: "FAILURE", target: { type: "account", id: userId || "(empty)" }, details: { ua: uaName, reason, ...extra } }, now);
    return { ok: false as const, reason };
  };
  const ua = await findUa(uaName);
  if (!ua) return fail("unknown-ua");
  const account = parsed.success ? await findUserAccount(userId) : null;
  const state = account ? await getDb().uaSignInState.findUnique({ where: { uaId_accountId: { uaId: ua.id, accountId: account.id } } }) : null;
  if (state?.lockedUntil && state.lockedUntil > now) {
    const r = await fail("locked", { lockedUntil: state.lockedUntil.toISOString() });
    return { ...r, lockedUntil: state.lockedUntil };
  }
  const valid = await verifyPassword(account?.kind === "USER" ? account.uaPasswordHash : null, parsed.success ? parsed.data.password : "");
  if (!account || account.kind !== "USER" || !valid) {
    if (account && account.kind === "USER") return recordFailureAndMaybeLock(ua, account, actor, now);
    return fail("invalid");
  }
  if (account.status !== "ACTIVE") return fail("disabled");
  await getDb().$transaction(async (tx) => {
    await tx.uaSignInState.deleteMany({ where: { uaId: ua.id, accountId: account.id } });
    await recordEvent(tx, { actor, action: "ua.signin", target: { type: "account", id: account.name }, details: { ua: ua.name } }, now);
  });
  if (ua.selfEnroll) await selfEnroll(ua, account, actor, now);
  return {
    ok: true,
    session: {
      accountId: account.id, accountName: account.name, expiresAt: now.getTime() + UA_SESSION_MINUTES * 60_000,
      ...(ua.protectWithLoginPassword && parsed.success ? { loginPassword: parsed.data.password } : {}),
    },
  };
}

async function recordFailureAndMaybeLock(
  ua: { id: string; name: string; lockThreshold: number; lockMinutes: number },
  account: { id: string; name: string },
  actor: Actor,
  now: Date,
): Promise<UaSignInResult> {
  return getDb().$transaction(async (tx) => {
    // An atomic increment, so parallel wrong guesses all count.
    const state = await tx.uaSignInState.upsert({
      where: { uaId_accountId: { uaId: ua.id, accountId: account.id } },
      create: { uaId: ua.id, accountId: account.id, failures: 1 },
      update: { failures: { increment: 1 } },
    });
    await recordEvent(tx, { actor, action: "ua.signin", outcome: "FAILURE", target: { type: "account", id: account.name }, details: { ua: ua.name, reason: "invalid", failures: state.failures } }, now);
    if (state.failures < ua.lockThreshold) return { ok: false as const, reason: "invalid" as const };
    const lockedUntil = new Date(now.getTime() + ua.lockMinutes * 60_000);
    await tx.uaSignInState.update({ where: { uaId_accountId: { uaId: ua.id, accountId: account.id } }, data: { failures: 0, lockedUntil } });
    await recordEvent(tx, { actor, action: "ua.lock", outcome: "FAILURE", target: { type: "account", id: account.name }, details: { ua: ua.name, lockedUntil: lockedUntil.toISOString(), threshold: ua.lockThreshold } }, now);
    return { ok: false as const, reason: "locked" as const, lockedUntil };
  });
}

/** Self-enrollment: a user with no valid server-keyed certificate from the UA's CA gets one. */
async function selfEnroll(ua: { caId: string; caSlug: string }, account: { id: string; name: string }, actor: Actor, now: Date): Promise<void> {
  const existing = await getDb().certificate.count({ where: { accountId: account.id, caId: ua.caId, status: "ISSUED", notAfter: { gt: now } } });
  if (existing > 0) return;
  await issueWithServerKey({ account: account.name, ca: ua.caSlug }, actor, now);
}
