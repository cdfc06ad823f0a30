import { createAccount, type CreateAccountInput } from "@/lib/accounts";
import { requireActor } from "@/lib/auth/guard";
import { STAFF } from "@/lib/auth";
import { assertSameOrigin, handle, json, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

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
