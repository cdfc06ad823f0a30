import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { findUa } from "@/lib/enrollment";
import { countPendingApplications, findApplication, groupsForApplication, listApplications } from "./data";
import { APPLICATION_STATUSES, type ApplicationListQuery, type ApplicationStatus } from "./types";

const writes = (role: string | undefined) => role === "ADMIN" || role === "OPERATOR";

/** ?status=pending|approved|rejected|all (default pending) and ?after=<cursor>. */
export function parseApplicationQuery(params: Record<string, string | string[] | undefined>): ApplicationListQuery {
  const one = (k: string) => {
    const v = params[k];
    return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  };
  const s = one("status")?.toUpperCase();
  const status = s === "ALL" ? "ALL" : (APPLICATION_STATUSES as readonly string[]).includes(s ?? "") ? (s as ApplicationStatus) : "PENDING";
  return { status, after: one("after") };
}

/** RA list (read by every role; approve and reject are for ADMIN and OPERATOR). */
export async function loadApplicationList(params: Record<string, string | string[] | undefined>) {
  const actor = await requireActor(EVERYONE);
  const query = parseApplicationQuery(params);
  const page = await listApplications({ ...query, limit: 50 });
  return { query, page, canWrite: writes(actor.role) };
}

export async function loadApplication(id: string) {
  const actor = await requireActor(EVERYONE);
  const application = await findApplication(id);
  if (!application) throw new InkanError("NOT_FOUND", { en: "No such registration application.", ja: "該当する登録申請書はありません。" });
  return { application, groups: application.status === "PENDING" ? await groupsForApplication(id) : [], canWrite: writes(actor.role) };
}

/** The console navigation's badge. */
export async function loadPendingApplicationCount(): Promise<number> {
  await requireActor(EVERYONE);
  return countPendingApplications();
}

/** The public apply page: the UA when it takes applications, else null (the page answers 404). */
export async function loadApplyPage(uaName: string): Promise<{ ua: string } | null> {
  const ua = await findUa(uaName);
  return ua?.acceptApplications ? { ua: ua.name } : null;
}
