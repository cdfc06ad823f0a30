"use server";
import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { runAction, type ActionResult } from "@/lib/action-result";
import { identifyClient } from "./identify";
import { identityJson, type ClientIdentityJson } from "./api";
import { parsePastedIdentity } from "./paste";

/** The identity tool: pasted headers, demo output or PEM → who the client is. Reads only. */
export async function identifyPastedAction(text: string): Promise<ActionResult<ClientIdentityJson>> {
  return runAction(async () => {
    await requireActor(EVERYONE);
    return identityJson(await identifyClient(parsePastedIdentity(text)));
  });
}
