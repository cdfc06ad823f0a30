import Link from "next/link";
import type { Messages } from "@/lib/i18n";
import { fill, type DockMessages } from "@/lib/dock/messages";
import { LocaleSwitch } from "./LocaleSwitch";
import { SignOutButton } from "./SignOutButton";

const VISUALLY_HIDDEN = { position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" } as const;

export interface ShellDock {
  counts: { accounts: number; certificates: number };
  t: DockMessages["nav"];
}

export function ConsoleShell(props: { t: Messages; locale: "ja" | "en"; admin: { email: string; role: string }; dock: ShellDock | null; pendingApplications: number; children: React.ReactNode }) {
  const { t } = props;
  // Links only hide what a role cannot use; every page and action checks the role itself.
  const role = props.admin.role;
  const admin = role === "ADMIN";
  const staff = admin || role === "OPERATOR";
  return (
    <div className="shell">
      <a className="skip" href="#main">{t.app.skip}</a>
      <nav className="sidebar" aria-label="RA">
        <div className="brand">{t.app.name}<small>{t.app.ra}</small></div>
        <Link href="/ra">{t.nav.dashboard}</Link>
        <Link href="/ra/accounts">{t.nav.accounts}</Link>
        {staff && <Link href="/ra/accounts/new">{t.nav.newAccount}</Link>}
        {staff && <Link href="/ra/accounts/import">{t.nav.importAccounts}</Link>}
        <Link href="/ra/applications" data-testid="nav-applications">
          {t.nav.applications}
          {props.pendingApplications > 0 && (
            <>
              {" "}<span className="badge" aria-hidden="true" data-testid="nav-applications-pending">{props.pendingApplications}</span>
              <span style={VISUALLY_HIDDEN}>{" "}({t.nav.applicationsPending.replace("{count}", String(props.pendingApplications))})</span>
            </>
          )}
        </Link>
        <Link href="/ra/groups">{t.nav.groups}</Link>
        <Link href="/ra/templates">{t.nav.templates}</Link>
        <Link href="/ra/certificates">{t.nav.certificates}</Link>
        <Link href="/ra/authorities">{t.nav.authorities}</Link>
        <Link href="/ra/tools/mtls">{t.mtls.nav}</Link>
        {admin && <Link href="/ra/enrollment">{props.locale === "ja" ? "申込局 (UA)" : "User agents (UA)"}</Link>}
        {admin && <Link href="/ra/deploy">{t.nav.deploy}</Link>}
        {(admin || role === "AUDITOR") && <Link href="/ra/audit">{t.nav.audit}</Link>}
        <Link href="/ra/reports">{t.nav.reports}</Link>
        {admin && <Link href="/ra/alerts">{t.nav.alerts}</Link>}
        {admin && <Link href="/ra/admins">{t.nav.admins}</Link>}
        {admin && <Link href="/ra/tokens">{t.nav.tokens}</Link>}
        {props.dock && (
          // Seed 001's side panel: "ドック: アカウント (0), 証明書 (0)".
          <Link href="/ra/dock" data-testid="dock-link" style={{ marginTop: 16, borderTop: "1px solid #444c56" }}>
            {props.dock.t.label}:{" "}
            <span data-testid="dock-count-accounts">{fill(props.dock.t.accounts, { count: props.dock.counts.accounts })}</span>,{" "}
            <span data-testid="dock-count-certificates">{fill(props.dock.t.certificates, { count: props.dock.counts.certificates })}</span>
          </Link>
        )}
      </nav>
      <div>
        <div className="topbar">
          <Link href="/ra/security" data-testid="signed-in-as" title={props.locale === "ja" ? "セキュリティ（パスワード・二要素認証）" : "Security (password, two-factor sign-in)"}>{props.admin.email} ({props.admin.role})</Link>
          <LocaleSwitch locale={props.locale} label={t.app.language} />
          <SignOutButton label={t.app.signOut} />
        </div>
        <main id="main" className="main">{props.children}</main>
      </div>
    </div>
  );
}
