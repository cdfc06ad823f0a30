// LIKE has wildcards ("%", "_") that Prisma's `contains` passes through, and user IDs and
// e-mail addresses may contain "_". Both the stored text and the query map them to private-use
// characters, so a search is an exact substring match on both providers.
const LITERAL: Record<string, string> = { "%": "\uE025", _: "\uE05F" };
const escapeWildcards = (s: string) => s.replace(/[%_]/g, (c) => LITERAL[c]);

/**
 * The lowercased text the account list searches (user ID, display name, e-mail, host names),
 * stored in Account.searchText so one portable LIKE serves both SQLite and PostgreSQL.
 */
export function accountSearchText(a: { name: string; displayName?: string | null; email?: string | null; hostnames: string[] }): string {
  return escapeWildcards([a.name, a.displayName ?? "", a.email ?? "", ...a.hostnames].join(" ").toLowerCase());
}

/** The `contains` operand for a search typed by an administrator. */
export function searchOperand(q: string): string {
  return escapeWildcards(q.trim().toLowerCase());
}
