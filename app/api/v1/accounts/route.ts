import { accountJson, createAccount, listAccounts, parseListQueryStrict, type CreateAccountInput } from "@/lib/accounts";
import { requireActor } from "@/lib/auth/guard";
import { EVERYONE, STAFF } from "@/lib/auth";
import { assertSameOrigin, handle, json, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/v1/accounts?q=&kind=&status=&group=&valid=&expiring=&sort=&after=&limit= — the RA list's query. */
export const GET = handle(async (request: Request) => {
  await requireActor(EVERYONE);
  const query = parseListQueryStrict(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listAccounts(query);
  return json({ items: page.items.map(accountJson), nextCursor: page.nextCursor });
});

export const POST = handle(async (request: Request) => {
  assertSameOrigin(request);
  const actor = await requireActor(STAFF);
  // createAccount validates with the domain's zod schema and reports every bad field.
  const account = await createAccount((await readJson(request)) as CreateAccountInput, actor);
  return json({
    id: account.id, kind: account.kind.toLowerCase(), name: account.name, displayName: account.displayName, email: account.email,
    hostnames: account.hostnames, status: account.status, createdAt: account.createdAt.toISOString(),
  }, 201);
});
