import Link from "next/link";
import { loadAccountGroups } from "@/lib/groups/loaders";
import { GROUP_MESSAGES } from "@/lib/groups/messages";
import { getMessages } from "@/lib/i18n/locale";
import { JoinGroupForm } from "./JoinGroupForm";
import { RemoveMemberButton } from "./RemoveMemberButton";

/** The account page's "group info" (グループ情報): its user groups and role groups, with add and remove. */
export async function AccountGroupsPanel({ account }: { account: string }) {
  const groups = await loadAccountGroups(account);
  const { locale, t: app } = await getMessages();
  const t = GROUP_MESSAGES[locale];
  const section = (kind: "USER" | "ROLE", title: string, list: typeof groups.userGroups) => (
    <>
      <dt>{title}</dt>
      <dd data-testid={`${kind === "USER" ? "user" : "role"}-groups`}>
        {list.length === 0 ? <span>{t.noGroups}</span> : (
          <ul style={{ margin: 0, paddingLeft: "1.2em" }}>
            {list.map((g) => (
              <li key={g.id} data-testid={`member-of-${g.name}`}>
                <Link href={`/ra/groups/${g.id}`}>{g.name}</Link>{" "}
                {groups.canEdit && (
                  <RemoveMemberButton groupId={g.id} account={groups.accountName} label={t.remove} question={t.leaveConfirm.replace("{group}", g.name)}
                    cancel={app.common.cancel} testId={`leave-${g.id}`} />
                )}
              </li>
            ))}
          </ul>
        )}
        {groups.canEdit && <JoinGroupForm account={groups.accountName} groups={groups.joinable.filter((g) => g.kind === kind)} kind={kind} t={t} />}
      </dd>
    </>
  );
  return (
    <section className="panel" aria-labelledby="group-info-h" data-testid="group-info">
      <h2 id="group-info-h" style={{ marginTop: 0 }}>{t.groupInfo}</h2>
      <dl className="info">
        {section("USER", t.userGroups, groups.userGroups)}
        {section("ROLE", t.roleGroups, groups.roleGroups)}
      </dl>
    </section>
  );
}
