import { requireActor } from "./guard";
import { listApiTokens } from "./data";
import { ADMIN_ONLY } from "./types";

export async function loadApiTokens() {
  await requireActor(ADMIN_ONLY);
  return listApiTokens();
}
