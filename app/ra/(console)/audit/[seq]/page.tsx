import { loadAuditEvent } from "@/lib/audit/loaders";
import { auditMessages } from "@/lib/audit/messages";
import { pageData } from "@/lib/http/page";
import { getLocale } from "@/lib/i18n/locale";
import { AuditEventDetailView } from "@/components/audit/AuditEventDetailView";

export default async function AuditEventPage({ params }: { params: Promise<{ seq: string }> }) {
  const { seq } = await params;
  const event = await pageData(() => loadAuditEvent(seq));
  const m = auditMessages(await getLocale());
  return <AuditEventDetailView m={m} event={event} />;
}
