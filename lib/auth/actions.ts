"use server";
import { revalidatePath } from "next/cache";
import { InkanError } from "@/lib/errors";
import { runAction, type ActionResult } from "@/lib/action-result";
import { requireActor } from "./guard";
import { createApiToken, revokeApiToken } from "./mutations";
import { createApiTokenSchema } from "./schema";
import { ADMIN_ONLY } from "./types";

export async function createApiTokenAction(_prev: unknown, form: FormData): Promise<ActionResult<{ secret: string; name: string }>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    const parsed = createApiTokenSchema.safeParse({ name: form.get("name"), role: form.get("role") });
    if (!parsed.success) throw new InkanError("VALIDATION", parsed.error.issues.map((i) => i.message).join(" "));
    const token = await createApiToken({ ...parsed.data, adminId: actor.id }, actor);
    revalidatePath("/ra/tokens");
    return { secret: token.secret, name: parsed.data.name };
  });
}

export async function revokeApiTokenAction(id: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await requireActor(ADMIN_ONLY);
    await revokeApiToken(id, actor);
    revalidatePath("/ra/tokens");
    return null;
  });
}
