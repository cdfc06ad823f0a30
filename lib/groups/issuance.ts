import { dbProvider, getDb, type Tx } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import {
  BUILT_IN_TEMPLATES, findBuiltInTemplate, resolveEffectiveTemplate, toTemplateSpec, usageForAccountKind,
  type EffectiveTemplate, type TemplateSpec,
} from "@/lib/templates";
import { BUILT_IN_GROUPS, SSL_SERVER_GROUP_KEY } from "./builtins";

interface AccountRef {
  id: string;
  name: string;
  kind: "USER" | "SERVER";
}

/** Whether a template's certificate would be a server certificate (serverAuth). */
function isServerCertificate(t: EffectiveTemplate): boolean {
  return t.extendedKeyUsage.length ? t.extendedKeyUsage.includes("serverAuth") : t.usage === "SERVER";
}

type AccountTemplate = EffectiveTemplate & { inServerRoleGroup: boolean; serverRoleGroupName: string };

/** The template an account gets and whether it is in the role group "SSL server certificate". */
export async function effectiveTemplateForAccount(account: Pick<AccountRef, "id" | "kind">, tx: Tx = getDb()): Promise<AccountTemplate> {
  return (await effectiveTemplatesForAccounts([account], tx)).get(account.id)!;
}

/**
 * effectiveTemplateForAccount for several accounts with a fixed number of reads, whatever their
 * count (concurrent issuances are resolved together, see issuanceSubjects in lib/ca/issue.ts).
 */
export async function effectiveTemplatesForAccounts(accounts: readonly Pick<AccountRef, "id" | "kind">[], tx: Tx = getDb()): Promise<Map<string, AccountTemplate>> {
  const ids = [...new Set(accounts.map((a) => a.id))];
  const memberships = await tx.groupMembership.findMany({ where: { accountId: { in: ids } }, include: { group: { include: { template: true } } } });
  const byAccount = new Map<string, typeof memberships>();
  for (const m of memberships) byAccount.set(m.accountId, [...(byAccount.get(m.accountId) ?? []), m]);
  // The seeded templates are the fallback; before they exist (a database nobody bootstrapped) their definitions are.
  const definition = (key: "server" | "client"): TemplateSpec => ({ id: `built-in:${key}`, builtIn: key, ...BUILT_IN_TEMPLATES[key] });
  const fallbacks = new Map<"server" | "client", Promise<TemplateSpec>>();
  const fallback = (key: "server" | "client") => {
    if (!fallbacks.has(key)) fallbacks.set(key, findBuiltInTemplate(tx, key).then((stored) => stored ?? definition(key)));
    return fallbacks.get(key)!;
  };
  // The role group's (editable) name is only needed to tell a non-member how to fix a refusal.
  let serverGroupName: Promise<string> | undefined;
  const serverRoleGroupName = () =>
    (serverGroupName ??= tx.group.findUnique({ where: { builtIn: SSL_SERVER_GROUP_KEY }, select: { name: true } }).then((g) => g?.name ?? BUILT_IN_GROUPS[SSL_SERVER_GROUP_KEY].name));

  const result = new Map<string, AccountTemplate>();
  for (const account of accounts) {
    if (result.has(account.id)) continue;
    const own = byAccount.get(account.id) ?? [];
    const usage = usageForAccountKind(account.kind);
    const key = usage === "SERVER" ? "server" : "client";
    const needsFallback = !own.some((m) => m.group.template?.usage === usage);
    const effective = resolveEffectiveTemplate(
      account.kind,
      own.map((m) => ({
        group: { id: m.group.id, name: m.group.name, kind: m.group.kind as "USER" | "ROLE" },
        template: m.group.template ? toTemplateSpec(m.group.template) : null,
      })),
      needsFallback ? await fallback(key) : definition(key),
    );
    const member = own.find((m) => m.group.builtIn === SSL_SERVER_GROUP_KEY)?.group;
    result.set(account.id, {
      ...effective,
      inServerRoleGroup: Boolean(member),
      serverRoleGroupName: member?.name ?? (isServerCertificate(effective) ? await serverRoleGroupName() : BUILT_IN_GROUPS[SSL_SERVER_GROUP_KEY].name),
    });
  }
  return result;
}

/**
 * The template an issuance uses, after the rule of seed 000 §1.4.1: a server certificate
 * (serverAuth) only for members of the role group "SSL server certificate". User accounts
 * without a group carrying a client template get the built-in "Client certificate" template.
 */
export async function templateForIssuance(account: AccountRef): Promise<EffectiveTemplate> {
  const t = (await templatesForIssuance([account])).get(account.id)!;
  if (t instanceof InkanError) throw t;
  return t;
}

/** templateForIssuance for several accounts with one set of reads: each account's template, or its refusal. */
export async function templatesForIssuance(accounts: readonly AccountRef[]): Promise<Map<string, EffectiveTemplate | InkanError>> {
  const effective = await effectiveTemplatesForAccounts(accounts);
  const result = new Map<string, EffectiveTemplate | InkanError>();
  for (const account of accounts) {
    const { inServerRoleGroup, serverRoleGroupName, ...template } = effective.get(account.id)!;
    result.set(
      account.id,
      isServerCertificate(template) && !inServerRoleGroup
        ? new InkanError("UNPROCESSABLE", {
            en:
              `The account "${account.name}" is not in the role group "${serverRoleGroupName}", which a server certificate (serverAuth) requires. ` +
              `Add the account to the role group "${serverRoleGroupName}" on the account page (Group info → Role groups → Add), then issue again.`,
            ja:
              `アカウント「${account.name}」はロールグループ「${serverRoleGroupName}」に属していません。サーバ証明書(serverAuth)にはこのグループが必要です。` +
              `アカウントのページ(グループ情報 → ロールグループ → 追加)でロールグループ「${serverRoleGroupName}」に追加してから、もう一度発行してください。`,
          })
        : template,
    );
  }
  return result;
}

/** The template id to record on the certificate (null when the fallback was never stored). */
export function recordedTemplateId(t: EffectiveTemplate): string | null {
  return t.primary.templateId.startsWith("built-in:") ? null : t.primary.templateId;
}

/**
 * The templates' maximum of valid certificates per account, for the issuances of one
 * transaction: the valid certificates of all their accounts are counted in one read, and
 * `admit` counts each admitted issuance, so later ones of the same account see it. On
 * PostgreSQL the accounts' rows are locked first so two transactions cannot both pass.
 */
export async function certificateLimits(tx: Tx, accounts: readonly { account: AccountRef; template: EffectiveTemplate }[], now: Date) {
  const limited = [...new Set(accounts.filter((a) => a.template.maxValidCertificates > 0).map((a) => a.account.id))].sort();
  const valid = new Map<string, number>();
  if (limited.length > 0) {
    if (dbProvider() === "postgresql") await tx.$executeRawUnsafe(`SELECT 1 FROM "Account" WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, limited);
    const counts = await tx.certificate.groupBy({ by: ["accountId"], where: { accountId: { in: limited }, status: "ISSUED", notAfter: { gt: now } }, _count: { _all: true } });
    for (const c of counts) valid.set(c.accountId, c._count._all);
  }
  return {
    /** Throws when the account already holds its template's maximum; otherwise counts one more. */
    admit(account: AccountRef, template: EffectiveTemplate): void {
      const max = template.maxValidCertificates;
      if (max <= 0) return;
      const held = valid.get(account.id) ?? 0;
      if (held >= max) {
        const from = template.primary.groupName ? ` (from the group "${template.primary.groupName}")` : "";
        const fromJa = template.primary.groupName ? `(グループ「${template.primary.groupName}」から)` : "";
        throw new InkanError("UNPROCESSABLE", {
          en:
            `The account "${account.name}" already holds ${held} valid certificate${held === 1 ? "" : "s"}, the most its template "${template.primary.templateName}"${from} allows. ` +
            "Revoke a certificate it no longer needs, or raise the limit in the template, then issue again.",
          ja:
            `アカウント「${account.name}」はすでに有効な証明書を ${held} 件持っており、テンプレート「${template.primary.templateName}」${fromJa}の上限に達しています。` +
            "不要な証明書を失効するか、テンプレートの上限を上げてから、もう一度発行してください。",
        });
      }
      valid.set(account.id, held + 1);
    },
  };
}
