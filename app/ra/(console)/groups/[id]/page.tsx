import Link from "next/link";
import { loadGroup } from "@/lib/groups/loaders";
import { GROUP_MESSAGES } from "@/lib/groups/messages";
import { pageData } from "@/lib/http/page";
import { getMessages } from "@/lib/i18n/locale";
import { formatDateTime } from "@/components/ui/format";
import { GroupForm } from "@/components/groups/GroupForm";
import { DeleteGroupButton } from "@/components/groups/DeleteGroupButton";
import { AddMemberForm } from "@/components/groups/AddMemberForm";
import { RemoveMemberButton } from "@/components/groups/RemoveMemberButton";
import { BulkIssuePanel } from "@/components/groups/BulkIssuePanel";

export const dynamic = "force-dynamic";

export default async function GroupPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ after?: string }> }) {
  const { id } = await props.params;
  const { after } = await props.searchParams;
  const { group, members, templates, canEdit } = await pageData(() => loadGroup(id, after));
  const { locale, t: app } = await getMessages();
  const t = GROUP_MESSAGES[locale];
  return (
    <>
      <p><Link href="/ra/groups">{t.title}</Link> &gt; {group.name}</p>
      <h1 data-testid="group-title">{group.kind === "ROLE" ? t.role : t.user}: {group.name} {group.builtIn && <span className="badge">{t.builtIn}</span>}</h1>
      <div className="grid2">
        <section className="panel">
          <h2 style={{ marginTop: 0 }}>{t.edit}</h2>
          {canEdit ? <GroupForm group={group} templates={templates} t={t} /> : (
            <dl className="info">
              <dt>{t.template}</dt><dd>{group.template?.name ?? t.noTemplate}</dd>
              <dt>{t.description}</dt><dd>{group.description || "-"}</dd>
            </dl>
          )}
          {canEdit && (group.builtIn ? <p className="help">{t.builtInNoDelete}</p> : <DeleteGroupButton id={group.id} t={t} cancel={app.common.cancel} />)}
        </section>
        <section className="panel">
          <h2 style={{ marginTop: 0 }}>{t.addMember}</h2>
          {canEdit ? <AddMemberForm groupId={group.id} t={t} /> : <p className="help">{t.readOnly}</p>}
        </section>
      </div>
      {canEdit && <BulkIssuePanel groupId={group.id} groupName={group.name} memberCount={group.memberCount} t={t.bulk} cancel={app.common.cancel} />}
      <h2>{t.members} ({group.memberCount})</h2>
      <table className="data" data-testid="members-table">
        <thead><tr><th>{t.account}</th><th>{t.accountKind}</th><th>{t.joined}</th><th></th></tr></thead>
        <tbody>
          {members.items.length === 0 ? <tr><td colSpan={4} className="empty">{t.noMembers}</td></tr> : members.items.map((m) => (
            <tr key={m.accountId} data-testid={`member-${m.name}`}>
              <td><Link href={`/ra/accounts/${encodeURIComponent(m.name)}`}>{m.name}</Link>{m.displayName ? ` (${m.displayName})` : ""}</td>
              <td>{m.kind === "SERVER" ? t.serverAccount : t.userAccount}</td>
              <td>{formatDateTime(m.joinedAt)}</td>
              <td>{canEdit && <RemoveMemberButton groupId={group.id} account={m.name} label={t.remove} question={t.removeConfirm.replace("{account}", m.name)} cancel={app.common.cancel} testId={`remove-${m.name}`} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="row" aria-label={t.members}>
        {after && <Link href={`/ra/groups/${group.id}`}>{t.firstPage}</Link>}
        {members.nextCursor && <Link href={`/ra/groups/${group.id}?after=${encodeURIComponent(members.nextCursor)}`} data-testid="members-next">{t.nextPage}</Link>}
      </nav>
    </>
  );
}
