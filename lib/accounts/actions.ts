"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/guard";
import { STAFF } from "@/lib/auth";
import { runAction, type ActionResult } from "@/lib/action-result";
import { createAccount } from "./mutations";
import { splitHostnames } from "./schema";

/** RA console: create a user or server account from the form. */
export async function createAccountAction(_prev: unknown, form: FormData): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const account = await createAccount(
      {
        kind: form.get("kind") === "server" ? "server" : "user",
        name: String(form.get("name") ?? ""),
        displayName: String(form.get("displayName") ?? ""),
        email: String(form.get("email") ?? ""),
        hostnames: splitHostnames(form.get("hostnames") as string | null),
        uaPassword: String(form.get("uaPassword") ?? ""),
      },
      actor,
    );
    revalidatePath("/ra/accounts");
    return { name: account.name };
  });
}
