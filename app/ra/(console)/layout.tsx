import { redirect } from "next/navigation";
import { currentAdmin } from "@/lib/auth/guard";
import { getMessages } from "@/lib/i18n/locale";
import { loadPendingApplicationCount } from "@/lib/applications/loaders";
import { ConsoleShell } from "@/components/layout/ConsoleShell";
import { loadDockCounts } from "@/lib/dock/loaders";
import { DOCK_MESSAGES } from "@/lib/dock/messages";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const admin = await currentAdmin();
  if (!admin) redirect("/ra/login");
  if (admin.twoFactorSetupPending) redirect("/ra/security");
  const [{ t, locale }, counts, pendingApplications] = await Promise.all([getMessages(), loadDockCounts(), loadPendingApplicationCount()]);
  const dock = counts ? { counts, t: DOCK_MESSAGES[locale].nav } : null;
  return <ConsoleShell t={t} locale={locale} admin={admin} dock={dock} pendingApplications={pendingApplications}>{children}</ConsoleShell>;
}
