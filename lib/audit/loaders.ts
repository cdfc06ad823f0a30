import { requireActor } from "@/lib/auth/guard";
import type { Role } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { readAnchor } from "./anchor";
import { findLastVerification } from "./data";
import { exportAuditEvents, type AuditExport } from "./export";
import { getAuditEvent, parseAuditFilter, searchAuditEvents } from "./search";

/** Who may read the audit log: auditors and administrators; operators may not. */
export const AUDIT_READERS: readonly Role[] = ["ADMIN", "AUDITOR"];

type Params = Record<string, string | undefined>;

/** The auditor's page: one page of filtered events, the head kept outside the database and the last verification. */
export async function loadAuditLog(params: Params) {
  await requireActor(AUDIT_READERS);
  const filter = parseAuditFilter(params);
  const page = await searchAuditEvents(filter, { cursor: params.cursor });
  const anchor = readAnchor();
  return { filter, page, anchor: anchor.state === "ok" ? anchor.anchor : null, lastVerification: await findLastVerification() };
}

export async function loadAuditEvent(seq: string) {
  await requireActor(AUDIT_READERS);
  if (!/^\d{1,15}$/.test(seq)) throw new InkanError("NOT_FOUND", { en: `There is no audit event ${seq}.`, ja: `監査イベント ${seq} はありません。` });
  return getAuditEvent(Number(seq));
}

/** The export route: the filters from the query string, format csv (default) or jsonl. */
export async function openAuditExport(params: Params): Promise<AuditExport> {
  const actor = await requireActor(AUDIT_READERS);
  const format = params.format ?? "csv";
  if (format !== "csv" && format !== "jsonl") throw new InkanError("VALIDATION", { en: "format is csv or jsonl.", ja: "format は csv か jsonl です。" });
  const filters = Object.fromEntries(Object.entries(params).filter(([k]) => k !== "format" && k !== "cursor"));
  return exportAuditEvents(parseAuditFilter(filters), format, actor);
}
