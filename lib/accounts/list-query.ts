import { InkanError, type LocalizedText } from "@/lib/errors";
import { ACCOUNT_SORTS, type AccountListQuery, type AccountSort } from "./types";

/**
 * Reads the list's state from URL search parameters (the page and GET /api/v1/accounts share
 * it). Unknown values are reported, not guessed: `problems` lists each with what to use.
 */
export function parseListQuery(params: Record<string, string | string[] | undefined>): { query: AccountListQuery; problems: LocalizedText[] } {
  const one = (k: string) => {
    const v = params[k];
    return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  };
  const problems: LocalizedText[] = [];
  const query: AccountListQuery = {};
  const q = one("q");
  if (q) query.q = q.slice(0, 200);
  const kind = one("kind")?.toUpperCase();
  if (kind === "USER" || kind === "SERVER") query.kind = kind;
  else if (kind) problems.push({ en: `kind must be "user" or "server".`, ja: `kind は "user" か "server" です。` });
  const status = one("status")?.toUpperCase();
  if (status === "ACTIVE" || status === "DISABLED" || status === "DELETED") query.status = status;
  else if (status) problems.push({ en: `status must be "active", "disabled" or "deleted".`, ja: `status は "active"、"disabled"、"deleted" のいずれかです。` });
  const group = one("group");
  if (group) query.group = group;
  const valid = one("valid");
  if (valid === "1" || valid === "true") query.hasValidCertificate = true;
  else if (valid && valid !== "0" && valid !== "false") problems.push({ en: `valid must be 1 (only accounts with a valid certificate) or 0.`, ja: `valid は 1(有効な証明書のあるアカウントだけ)か 0 です。` });
  const expiring = one("expiring");
  if (expiring) {
    const n = Number(expiring);
    if (Number.isInteger(n) && n >= 0 && n <= 3650) query.expiringWithinDays = n;
    else problems.push({ en: `expiring must be a whole number of days from 0 to 3650.`, ja: `expiring は 0 から 3650 までの整数(日数)です。` });
  }
  const sort = one("sort");
  if (sort && (ACCOUNT_SORTS as readonly string[]).includes(sort)) query.sort = sort as AccountSort;
  else if (sort) problems.push({ en: `sort must be one of ${ACCOUNT_SORTS.join(", ")}.`, ja: `sort は ${ACCOUNT_SORTS.join(", ")} のいずれかです。` });
  const after = one("after");
  if (after) query.after = after;
  const limit = one("limit");
  if (limit) {
    const n = Number(limit);
    if (Number.isInteger(n) && n >= 1 && n <= 200) query.limit = n;
    else problems.push({ en: `limit must be a whole number from 1 to 200.`, ja: `limit は 1 から 200 までの整数です。` });
  }
  return { query, problems };
}

/** The same parse for an API request: any problem is a 400 problem+json. */
export function parseListQueryStrict(params: Record<string, string | string[] | undefined>): AccountListQuery {
  const { query, problems } = parseListQuery(params);
  if (problems.length) throw new InkanError("VALIDATION", { en: problems.map((p) => p.en).join(" "), ja: problems.map((p) => p.ja).join(" ") });
  return query;
}

/** The URL search string for a list state (links keep every filter; `after` moves the page). */
export function listQueryString(q: AccountListQuery): string {
  const p = new URLSearchParams();
  if (q.q) p.set("q", q.q);
  if (q.kind) p.set("kind", q.kind.toLowerCase());
  if (q.status) p.set("status", q.status.toLowerCase());
  if (q.group) p.set("group", q.group);
  if (q.hasValidCertificate) p.set("valid", "1");
  if (q.expiringWithinDays !== undefined) p.set("expiring", String(q.expiringWithinDays));
  if (q.sort && q.sort !== "created") p.set("sort", q.sort);
  if (q.after) p.set("after", q.after);
  const s = p.toString();
  return s ? `?${s}` : "";
}
