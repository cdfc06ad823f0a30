import type { Messages } from "@/lib/i18n";

export function StatusBadge({ status, t }: { status: string; t: Messages["certificate"] }) {
  return status === "REVOKED" ? <span className="badge revoked">{t.revoked}</span> : <span className="badge ok">{t.issued}</span>;
}
