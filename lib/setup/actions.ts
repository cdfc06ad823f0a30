"use server";
import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/action-result";
import { completeSetup } from "./index";

/** /setup has no session by design: the console's one-time token is the credential. */
export async function completeSetupAction(_prev: unknown, form: FormData): Promise<ActionResult<null>> {
  return runAction(async () => {
    const h = await headers();
    await completeSetup(
      { token: String(form.get("token") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") },
      { kind: "anonymous", label: "setup", ip: h.get("x-forwarded-for") ?? undefined, userAgent: h.get("user-agent") ?? undefined },
    );
    return null;
  });
}
