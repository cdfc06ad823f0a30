import { InkanError } from "@/lib/errors";
import { actorLabel, countEventsByActorSince, recordStandaloneEvent, type Actor } from "@/lib/audit";
import { findApiTokenBySecret } from "./data";
import { recordApiTokenUse } from "./mutations";
import type { Role } from "./types";

/** Where a token was presented: the client, and the route when a route handler runs (lib/http). */
export interface TokenPresentation {
  ip?: string;
  userAgent?: string;
  method?: string;
  path?: string;
}

/** Who presented a token that matched no live token: nobody we know, so one fixed label. */
export const REFUSED_TOKEN_ACTOR: Actor = { kind: "anonymous", label: "api-token" };

/** Refused tokens recorded per minute at most (see recordRefusedToken). */
export const REFUSED_TOKEN_EVENTS_PER_MINUTE = 20;

/**
 * Authenticates `Authorization: Bearer <secret>` for requireActor. Every presentation is on
 * the record (issue 6): a use (apitoken.use), a use the token's role does not allow
 * (FAILURE, always), an unknown, malformed or revoked token (FAILURE, up to a limit).
 * The secret itself is never recorded.
 */
export async function authenticateApiToken(authorization: string, roles: readonly Role[], at: TokenPresentation, now = new Date()): Promise<Actor> {
  const route = at.method && at.path ? { method: at.method, path: at.path } : {};
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const token = match ? await findApiTokenBySecret(match[1]) : null;
  if (!token || token.revokedAt) {
    const reason = !match ? "malformed" : token ? "revoked" : "unknown";
    await recordRefusedToken({ ...route, reason, ...(token ? { tokenName: token.name } : {}) }, token?.id, at, now);
    throw new InkanError("UNAUTHENTICATED", { en: "The API token is missing, malformed, unknown or revoked.", ja: "APIトークンがないか、形式が正しくないか、不明か、失効しています。" });
  }
  const actor: Actor = { kind: "api", id: token.id, label: token.name, role: token.role as Role, ip: at.ip, userAgent: at.userAgent };
  if (!roles.includes(token.role as Role)) {
    // A live token names its holder, and revoking it stops a flood: always recorded.
    await recordStandaloneEvent({ actor, action: "apitoken.use", outcome: "FAILURE", target: { type: "apitoken", id: token.id }, details: { ...route, reason: "role", allowed: [...roles] } }, now);
    throw new InkanError("FORBIDDEN", { en: `This API token's role (${token.role}) may not do this.`, ja: `このAPIトークンのロール(${token.role})ではこの操作はできません。` });
  }
  await recordApiTokenUse(token.id, actor, route, now);
  return actor;
}

// Anyone can send made-up tokens: refusing one costs a hash and an index read, recording it
// a serialized append to the chain, so recording every one would let an anonymous caller
// flood the log and slow every write. Refused tokens are therefore recorded up to a limit
// per minute, counted in the log itself (it holds across instances and restarts; concurrent
// requests may pass it by a few), and the event that reaches the limit says so. Not per IP:
// without a proxy that overwrites X-Forwarded-For, the caller chooses its IP. Nothing of the
// presented value is kept, not even a hash prefix: a password pasted as a token would make a
// few bits of its hash a dictionary filter; a revoked token is named by its record instead.
async function recordRefusedToken(details: Record<string, unknown>, tokenId: string | undefined, at: TokenPresentation, now: Date): Promise<void> {
  const recent = await countEventsByActorSince(actorLabel(REFUSED_TOKEN_ACTOR), new Date(now.getTime() - 60_000));
  if (recent >= REFUSED_TOKEN_EVENTS_PER_MINUTE) return;
  await recordStandaloneEvent({
    actor: { ...REFUSED_TOKEN_ACTOR, ip: at.ip, userAgent: at.userAgent },
    action: "apitoken.use",
    outcome: "FAILURE",
    ...(tokenId ? { target: { type: "apitoken" as const, id: tokenId } } : {}),
    details: { ...details, ...(recent === REFUSED_TOKEN_EVENTS_PER_MINUTE - 1 ? { limitReached: "further refused tokens in this minute are not recorded" } : {}) },
  }, now);
}
