import { loadPortal } from "@/lib/enrollment/portal";
import { fill, refusalText } from "@/lib/enrollment/messages";
import { parseRefusal } from "@/lib/enrollment";
import { formatDateTime } from "@/components/ui/format";
import { Alert } from "@/components/ui/Alert";
import { UaSignInForm } from "@/components/enrollment/UaSignInForm";
import { UaSignOutButton } from "@/components/enrollment/UaSignOutButton";
import { DeliverButton } from "@/components/enrollment/DeliverButton";
import { ImportSteps } from "@/components/enrollment/ImportSteps";
import { UaLayoutSwitch } from "@/components/enrollment/UaLayoutSwitch";
import { APPLICATION_MESSAGES } from "@/lib/applications/messages";

export const dynamic = "force-dynamic";

export default async function UaPortalPage(props: { params: Promise<{ ua: string }>; searchParams: Promise<{ refused?: string }> }) {
  const { ua: uaName } = await props.params;
  const { refused: refusedParam } = await props.searchParams;
  const { t: all, ua, user, locale } = await loadPortal(uaName);
  const t = all.portal;
  // A refused form post (iPhone download) comes back here with the reason.
  const refused = parseRefusal(refusedParam);
  if (!ua) {
    return <main className="center panel" id="main"><h1>{t.title}</h1><Alert kind="error" testId="ua-unknown">{t.unknownUa}</Alert></main>;
  }
  if (!user) {
    return (
      <main className="center panel" id="main">
        <h1>{t.signInTitle}</h1>
        <UaSignInForm ua={ua.name} t={t} notice={refused ? refusalText(t, refused) : undefined} />
        {ua.acceptApplications && <p><a href={`/${ua.name}/ua/apply`} data-testid="ua-apply-link">{APPLICATION_MESSAGES[locale].apply.link}</a></p>}
      </main>
    );
  }
  return (
    <main className={user.compactLayout ? "main ua-compact" : "main"} id="main" data-platform={user.platform} data-layout={user.compactLayout ? "iphone" : "standard"}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>{t.title}</h1>
        <UaSignOutButton ua={ua.name} label={t.signOut} />
      </div>
      <p data-testid="ua-user">{fill(t.welcome, { user: user.name })}</p>
      {ua.iphoneUa && (
        <p>
          {user.platform === "iphone"
            ? <UaLayoutSwitch ua={ua.name} to="desktop" label={t.layoutDesktop} />
            : <UaLayoutSwitch ua={ua.name} to="iphone" label={t.layoutIphone} />}
        </p>
      )}
      {refused && <Alert kind="error" testId="ua-refused">{refusalText(t, refused)}</Alert>}
      <section className="panel">
        <h2>{t.certificates}</h2>
        {!user.platformAllowed && <Alert kind="info">{t.notAllowed}</Alert>}
        {user.certificates.length === 0 ? <p className="empty">{t.none}</p> : (
          <table className="data">
            <thead><tr><th>{t.serial}</th><th>{t.expiry}</th><th></th></tr></thead>
            <tbody>
              {user.certificates.map((c) => (
                <tr key={c.serial} data-testid={`ua-cert-${c.serial}`}>
                  <td className="mono">{c.serial}</td>
                  <td>{formatDateTime(c.notAfter)}</td>
                  <td>
                    {c.availability === "available" && user.platformAllowed && (
                      <>
                        <DeliverButton ua={ua.name} serial={c.serial} platform={user.platform} t={t} />
                        {c.windowEndsAt && <small>{fill(t.windowOpenUntil, { time: formatDateTime(c.windowEndsAt) })}</small>}
                      </>
                    )}
                    {c.availability === "window-expired" && <span className="badge muted" data-testid="ua-downloaded">{t.downloaded}</span>}
                    {c.availability === "already-imported" && <span className="badge muted" data-testid="ua-imported">{user.platform === "iphone" ? t.downloaded : t.alreadyImported}</span>}
                    {c.availability === "no-key" && <span className="badge muted">{t.noKey}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <ImportSteps platform={user.platform} t={t} protectWithLoginPassword={ua.protectWithLoginPassword} certificateStore={ua.certificateStore} />
        {user.rootThumbprint && (
          <p>{t.rootThumbprint}: <code className="mono" data-testid="ua-root-thumbprint">{user.rootThumbprint}</code><br /><small>{t.rootThumbprintHelp}</small></p>
        )}
      </section>
    </main>
  );
}
