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

/** The template an account gets and whether it is in the role group "SSL server certificate". */
export async function effectiveTemplateForAccount(account: Pick<AccountRef, "id" | "kind">, tx: Tx = getDb()): Promise<EffectiveTemplate & { inServerRoleGroup: boolean; serverRoleGroupName: string }> {
  const memberships = await tx.groupMembership.findMany({ where: { accountId: account.id }, include: { group: { include: { template: true } } } });
  const usage = usageForAccountKind(account.kind);
  const key = usage === "SERVER" ? "server" : "client";
  const needsFallback = !memberships.some((m) => m.group.template?.usage === usage);
  // The seeded template is the fallback; before it exists (a database nobody bootstrapped) its definition is.
  const stored = needsFallback ? await findBuiltInTemplate(tx, key) : null;
  const fallback: TemplateSpec = stored ?? { id: `built-in:${key}`, builtIn: key, ...BUILT_IN_TEMPLATES[key] };
  const effective = resolveEffectiveTemplate(
    account.kind,
    memberships.map((m) => ({
      group: { id: m.group.id, name: m.group.name, kind: m.group.kind as "USER" | "ROLE" },
      template: m.group.template ? toTemplateSpec(m.group.template) : null,
    })),
    fallback,
  );
  const member = memberships.find((m) => m.group.builtIn === SSL_SERVER_GROUP_KEY)?.group;
  // The group's (editable) name is only needed to tell a non-member how to fix a refusal.
  const named = member ?? (isServerCertificate(effective) ? await tx.group.findUnique({ where: { builtIn: SSL_SERVER_GROUP_KEY }, select: { name: true } }) : null);
  return {
    ...effective,
    inServerRoleGroup: Boolean(member),
    serverRoleGroupName: named?.name ?? BUILT_IN_GROUPS[SSL_SERVER_GROUP_KEY].name,
  };
}

/**
 * The template an issuance uses, after the rule of seed 000 §1.4.1: a server certificate
 * (serverAuth) only for members of the role group "SSL server certificate". User accounts
 * without a group carrying a client template get the built-in "Client certificate" template.
 */
export async function templateForIssuance(account: AccountRef): Promise<EffectiveTemplate> {
  const t = await effectiveTemplateForAccount(account);
  if (isServerCertificate(t) && !t.inServerRoleGroup) {
    throw new InkanError(
      "UNPROCESSABLE",
      `The account "${account.name}" is not in the role group "${t.serverRoleGroupName}", which a server certificate (serverAuth) requires. ` +
        `Add the account to the role group "${t.serverRoleGroupName}" on the account page (Group info → Role groups → Add), then issue again.`,
    );
  }
  const { inServerRoleGroup: _in, serverRoleGroupName: _name, ...template } = t;
  return template;
}

/** The template id to record on the certificate (null when the fallback was never stored). */
export function recordedTemplateId(t: EffectiveTemplate): string | null {
  return t.primary.templateId.startsWith("built-in:") ? null : t.primary.templateId;
}

/**
 * Refuses an issuance beyond the template's maximum of valid certificates per account. Runs
 * inside the issuing transaction; on PostgreSQL the account row is locked first so two
 * concurrent issuances cannot both pass the count.
 */
export async function assertCertificateLimit(tx: Tx, account: AccountRef, template: EffectiveTemplate, now: Date): Promise<void> {
  const max = template.maxValidCertificates;
  if (max <= 0) return;
  if (dbProvider() === "postgresql") await tx.$executeRawUnsafe(`SELECT 1 FROM "Account" WHERE id = $1 FOR UPDATE`, account.id);
  const valid = await tx.certificate.count({ where: { accountId: account.id, status: "ISSUED", notAfter: { gt: now } } });
  if (valid >= max) {
    const from = template.primary.groupName ? ` (from the group "${template.primary.groupName}")` : "";
    throw new InkanError(
      "UNPROCESSABLE",
      `The account "${account.name}" already holds ${valid} valid certificate${valid === 1 ? "" : "s"}, the most its template "${template.primary.templateName}"${from} allows. ` +
        "Revoke a certificate it no longer needs, or raise the limit in the template, then issue again.",
    );
  }
}
