import Link from "next/link";
import type { Messages } from "@/lib/i18n";
import { LocaleSwitch } from "./LocaleSwitch";
import { SignOutButton } from "./SignOutButton";

export function ConsoleShell(props: { t: Messages; locale: "ja" | "en"; admin: { email: string; role: string }; children: React.ReactNode }) {
  const { t } = props;
  return (
    <div className="shell">
      <a className="skip" href="#main">{t.app.skip}</a>
      <nav className="sidebar" aria-label="RA">
        <div className="brand">{t.app.name}<small>{t.app.ra}</small></div>
        <Link href="/ra">{t.nav.dashboard}</Link>
        <Link href="/ra/accounts">{t.nav.accounts}</Link>
        <Link href="/ra/accounts/new">{t.nav.newAccount}</Link>
        <Link href="/ra/authorities">{t.nav.authorities}</Link>
        <Link href="/ra/tools/mtls">{t.mtls.nav}</Link>
        {props.admin.role === "ADMIN" && <Link href="/ra/tokens">{t.nav.tokens}</Link>}
        {props.admin.role === "ADMIN" && <Link href="/ra/enrollment">{props.locale === "ja" ? "申込局 (UA)" : "User agents (UA)"}</Link>}
      </nav>
      <div>
        <div className="topbar">
          <span data-testid="signed-in-as">{props.admin.email} ({props.admin.role})</span>
          <LocaleSwitch locale={props.locale} label={t.app.language} />
          <SignOutButton label={t.app.signOut} />
        </div>
        <main id="main" className="main">{props.children}</main>
      </div>
    </div>
  );
}
