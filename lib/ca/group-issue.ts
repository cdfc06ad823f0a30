import { z } from "zod";
import { getDb } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { firstIssueError } from "@/lib/i18n/validation";
import { recordStandaloneEvent, type Actor } from "@/lib/audit";
import { KEY_ALGORITHMS, type KeyAlgorithm } from "@/lib/pki";
import { issueWithServerKey } from "./issue";

// Bulk issuance for a group (issue 3, point 7): one server-generated key and certificate per
// ACTIVE member, each through issueWithServerKey, so every certificate gets its own transaction,
// audit event and the same rules as a single issuance (server rule, template limits). A member
// that is refused does not stop the others; its message is reported. Keys stay sealed for
// PKCS#12 delivery at the UA or from the certificate page.

/** Members read per page (keyset over the membership key) and certificates issued at once. */
const PAGE = 100;
const IN_FLIGHT = 4;

export const bulkIssueOptionsSchema = z.object({
  keyAlgorithm: z.enum(KEY_ALGORITHMS as unknown as [KeyAlgorithm, ...KeyAlgorithm[]], { message: `Choose a key algorithm: ${KEY_ALGORITHMS.join(", ")}.` }).optional(),
  onlyWithoutValidCertificate: z.boolean({ message: "Say whether members that already hold a valid certificate are skipped (true or false)." }),
});

export type BulkIssueOptions = { keyAlgorithm?: KeyAlgorithm; onlyWithoutValidCertificate: boolean };

export type BulkIssueOutcome = "issued" | "skipped" | "failed";

export interface BulkIssueMemberResult {
  account: string;
  outcome: BulkIssueOutcome;
  /** The new certificate's serial (issued). */
  serial?: string;
  /** Why nothing was issued (skipped or failed). */
  message?: string;
}

export interface BulkIssueResult {
  group: string;
  total: number;
  counts: Record<BulkIssueOutcome, number>;
  members: BulkIssueMemberResult[];
}

export type BulkIssueProgress =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; result: BulkIssueResult };

/** Validates untrusted options (route body); throws VALIDATION with the first problem. */
export function parseBulkIssueOptions(input: unknown): BulkIssueOptions {
  const parsed = bulkIssueOptionsSchema.safeParse(input);
  if (!parsed.success) throw firstIssueError(parsed.error.issues);
  return parsed.data;
}

const SKIPPED_VALID = "Already holds a valid certificate.";

export async function issueForGroup(
  groupId: string,
  options: BulkIssueOptions,
  actor: Actor,
  onProgress: (p: BulkIssueProgress) => void = () => {},
): Promise<BulkIssueResult> {
  const { keyAlgorithm, onlyWithoutValidCertificate } = parseBulkIssueOptions(options);
  const db = getDb();
  const group = await db.group.findUnique({ where: { id: groupId }, select: { id: true, name: true } });
  if (!group) throw new InkanError("NOT_FOUND", { en: "No such group. It may have been deleted; reload the group list.", ja: "そのグループはありません。削除された可能性があります。グループ一覧を再読み込みしてください。" });

  const activeMember = { groupId, account: { status: "ACTIVE" } };
  const total = await db.groupMembership.count({ where: activeMember });
  const members: BulkIssueMemberResult[] = [];
  const counts: Record<BulkIssueOutcome, number> = { issued: 0, skipped: 0, failed: 0 };
  const settle = (r: BulkIssueMemberResult) => {
    members.push(r);
    counts[r.outcome] += 1;
    onProgress({ type: "progress", done: members.length, total });
  };
  onProgress({ type: "progress", done: 0, total });

  let cursor: string | undefined;
  for (;;) {
    const page = await db.groupMembership.findMany({
      where: { ...activeMember, ...(cursor ? { accountId: { gt: cursor } } : {}) },
      orderBy: { accountId: "asc" },
      take: PAGE,
      select: { accountId: true, account: { select: { name: true } } },
    });
    if (page.length === 0) break;
    cursor = page[page.length - 1].accountId;

    let holders = new Set<string>();
    if (onlyWithoutValidCertificate) {
      const valid = await db.certificate.findMany({
        where: { accountId: { in: page.map((m) => m.accountId) }, status: "ISSUED", notAfter: { gt: new Date() } },
        select: { accountId: true },
        distinct: ["accountId"],
      });
      holders = new Set(valid.map((c) => c.accountId));
    }
    const todo: string[] = [];
    for (const m of page) {
      if (holders.has(m.accountId)) settle({ account: m.account.name, outcome: "skipped", message: SKIPPED_VALID });
      else todo.push(m.account.name);
    }
    // A few at a time: lib/ca's group commit batches the concurrent transactions.
    for (let i = 0; i < todo.length; i += IN_FLIGHT) {
      await Promise.all(todo.slice(i, i + IN_FLIGHT).map(async (account) => {
        try {
          const cert = await issueWithServerKey({ account, keyAlgorithm }, actor);
          settle({ account, outcome: "issued", serial: cert.serial });
        } catch (err) {
          if (!(err instanceof InkanError)) console.error(`[inkan] bulk issuance for "${account}" failed:`, err instanceof Error ? err.stack : err);
          settle({ account, outcome: "failed", message: err instanceof InkanError ? err.message : "Issuance failed unexpectedly; see the server log." });
        }
      }));
    }
    if (page.length < PAGE) break;
  }

  await recordStandaloneEvent({
    actor, action: "group.bulk-issue", target: { type: "group", id: group.id },
    outcome: counts.failed > 0 ? "FAILURE" : "SUCCESS",
    details: { group: group.name, total, ...counts, keyAlgorithm: keyAlgorithm ?? "template", onlyWithoutValidCertificate },
  });
  const result: BulkIssueResult = { group: group.name, total, counts, members };
  onProgress({ type: "done", result });
  return result;
}
