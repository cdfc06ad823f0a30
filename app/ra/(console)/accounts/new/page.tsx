import { getMessages } from "@/lib/i18n/locale";
import { AccountForm } from "@/components/accounts/AccountForm";

export default async function NewAccountPage() {
  const { t } = await getMessages();
  return (
    <>
      <h1>{t.accounts.createTitle}</h1>
      <div className="panel"><AccountForm t={t.accounts} /></div>
    </>
  );
}
