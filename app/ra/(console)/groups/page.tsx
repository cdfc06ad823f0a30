import Link from "next/link";
import { loadGroupList } from "@/lib/groups/loaders";
import { GROUP_MESSAGES } from "@/lib/groups/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { GroupForm } from "@/components/groups/GroupForm";

export const dynamic = "force-dynamic";

export default async function GroupsPage() {
  const { groups, templates, canEdit } = await pageData(() => loadGroupList());
  const t = GROUP_MESSAGES[await getLocale()];
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {groups.length === 0 ? <p className="empty panel">{t.none}</p> : (
        <table className="data" data-testid="groups-table">
          <thead><tr><th>{t.name}</th><th>{t.kind}</th><th>{t.template}</th><th>{t.members}</th><th>{t.description}</th></tr></thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.id} data-testid={`group-row-${g.name}`}>
                <td><Link href={`/ra/groups/${g.id}`}>{g.name}</Link> {g.builtIn && <span className="badge">{t.builtIn}</span>}</td>
                <td>{g.kind === "ROLE" ? t.role : t.user}</td>
                <td>{g.template ? <Link href={`/ra/templates/${g.template.id}`}>{g.template.name}</Link> : t.noTemplate}</td>
                <td data-testid="member-count">{g.memberCount}</td>
                <td>{g.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit ? (
        <section className="panel">
          <h2 style={{ marginTop: 0 }}>{t.create}</h2>
          <GroupForm group={null} templates={templates} t={t} />
        </section>
      ) : <p className="help">{t.readOnly}</p>}
    </>
  );
}
