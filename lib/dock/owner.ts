import { InkanError } from "@/lib/errors";
import { adminIdOfApiToken } from "@/lib/auth";
import type { Actor } from "@/lib/audit";
import { mayUseDock } from "./policy";

/**
 * Whose dock an actor uses: a signed-in administrator's own; an API token acts in the dock of
 * the administrator who created it. The role is the actor's (for a token, the token's role).
 */
export async function dockOwner(actor: Actor): Promise<string> {
  if (!mayUseDock(actor.role)) {
    throw new InkanError("FORBIDDEN", {
      en: `Your role (${actor.role ?? "none"}) has no dock: the dock holds items to act on, and this role is read-only.`,
      ja: `あなたのロール (${actor.role ?? "なし"}) にはドックがありません。ドックは操作の対象を集める場所で、このロールは閲覧専用です。`,
    });
  }
  const adminId = actor.kind === "admin" ? actor.id : actor.kind === "api" && actor.id ? await adminIdOfApiToken(actor.id) : null;
  if (!adminId) {
    throw new InkanError("FORBIDDEN", {
      en: "The dock belongs to an administrator; this API token was created by none. Use the RA console, or a token an administrator created there.",
      ja: "ドックは管理者ごとのものですが、この API トークンを作成した管理者がいません。RA コンソール、または管理者が作成したトークンを使ってください。",
    });
  }
  return adminId;
}
