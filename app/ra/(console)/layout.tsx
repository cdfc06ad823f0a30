import { redirect } from "next/navigation";
import { currentAdmin } from "@/lib/auth/guard";
import { getMessages } from "@/lib/i18n/locale";
import { ConsoleShell } from "@/components/layout/ConsoleShell";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const admin = await currentAdmin();
  if (!admin) redirect("/ra/login");
  if (admin.twoFactorSetupPending) redirect("/ra/security");
  const { t, locale } = await getMessages();
  return <ConsoleShell t={t} locale={locale} admin={admin}>{children}</ConsoleShell>;
}
