import { accountJson, deleteAccount, findAccountByName, patchAccount, type DeleteCertificatesChoice } from "@/lib/accounts";
import { requireActor } from "@/lib/auth/guard";
import { EVERYONE, STAFF } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { assertSameOrigin, handle, json, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ name: string }> };

export const GET = handle(async (_request: Request, { params }: Params) => {
  await requireActor(EVERYONE);
  const { name } = await params;
  const account = await findAccountByName(decodeURIComponent(name));
  if (!account) throw new InkanError("NOT_FOUND", { en: `No account named "${decodeURIComponent(name)}".`, ja: `アカウント「${decodeURIComponent(name)}」はありません。` });
  return json(accountJson(account));
});

/** Edit (displayName, email, hostnames, uaPassword) and/or status ("ACTIVE" | "DISABLED"). */
export const PATCH = handle(async (request: Request, { params }: Params) => {
  assertSameOrigin(request);
  const actor = await requireActor(STAFF);
  const { name } = await params;
  return json(accountJson(await patchAccount(decodeURIComponent(name), await readJson(request), actor)));
});

/** DELETE /api/v1/accounts/<name>?certificates=revoke|keep — the choice is required. */
export const DELETE = handle(async (request: Request, { params }: Params) => {
  assertSameOrigin(request);
  const actor = await requireActor(STAFF);
  const { name } = await params;
  const choice = new URL(request.url).searchParams.get("certificates");
  if (!choice) throw new InkanError("VALIDATION", { en: "Add ?certificates=revoke (revoke the account's certificates, reason cessationOfOperation) or ?certificates=keep (they stay valid).", ja: "?certificates=revoke(アカウントの証明書を理由 cessationOfOperation で失効)か ?certificates=keep(有効なまま残す)を付けてください。" });
  return json(await deleteAccount(decodeURIComponent(name), choice as DeleteCertificatesChoice, actor));
});
