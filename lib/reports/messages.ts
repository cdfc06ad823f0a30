// Text of the issuance history report in English and Japanese. Both languages define every
// key: checked by the type.
import type { Locale } from "@/lib/i18n";

export const en = {
  title: "Issuance history",
  intro: "Certificates issued, revoked, expired and delivered per period, CA and template — what an auditor asks for at a review.",
  help: {
    title: "How the figures are counted",
    period: "Periods are days, weeks (Monday to Sunday) or calendar months in UTC. The range is widened to whole periods; by default it is the last 12 months by month.",
    issued: "Issued: certificates created in the period.",
    revoked: "Revoked: certificates revoked in the period, split by the revocation reason.",
    expired: "Expired: certificates whose end of validity falls in the period and has passed, and which were not revoked before it.",
    delivered: "Delivered / imported: successful deliveries from a UA in the period (one per delivery event, so a certificate downloaded twice counts twice). A delivery whose certificate no longer exists counts under its UA's CA with template \"(none)\".",
    none: "Template \"(none)\": certificates issued without a template.",
  },
  filter: {
    legend: "Report filters", period: "Period", day: "Day", week: "Week", month: "Month", from: "From (UTC date)", to: "To (UTC date)",
    ca: "CA", anyCa: "All CAs", template: "Template", anyTemplate: "All templates", show: "Show report", reset: "Last 12 months",
  },
  columns: { period: "Period", ca: "CA", template: "Template", issued: "Issued", revoked: "Revoked", expired: "Expired", delivered: "Delivered / imported", total: "Total" },
  chart: { title: "Per period", caption: "Issued, revoked, expired and delivered certificates per period ({from} to {to}, UTC)." },
  reasons: {
    unspecified: "Unspecified", keyCompromise: "Key compromise", cACompromise: "CA compromise", affiliationChanged: "Affiliation changed",
    superseded: "Superseded", cessationOfOperation: "Cessation of operation", certificateHold: "Certificate hold", removeFromCRL: "Remove from CRL",
    privilegeWithdrawn: "Privilege withdrawn", aACompromise: "AA compromise",
  },
  table: { title: "By period, CA and template", revokedBy: "Revoked by reason", empty: "Nothing was issued, revoked, expired or delivered in this range." },
  exportCsv: "Export CSV", print: "Print", generatedAt: "Generated {time} UTC · {from} to {to} · by {period}",
};

export type ReportMessages = typeof en;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const ja: Shape<ReportMessages> = {
  title: "発行履歴",
  intro: "期間・認証局・テンプレートごとの発行、失効、期限切れ、配布の件数です。監査で求められる集計です。",
  help: {
    title: "件数の数え方",
    period: "期間は UTC の日、週 (月曜から日曜)、暦月です。範囲は期間の区切りまで広げます。既定は直近 12 か月の月単位です。",
    issued: "発行: その期間に作成された証明書。",
    revoked: "失効: その期間に失効した証明書 (失効理由ごと)。",
    expired: "期限切れ: 有効期限の終わりがその期間にあり、すでに過ぎていて、それより前に失効していない証明書。",
    delivered: "配布 / インポート: その期間の申込局からの配布の成功 (配布イベント 1 件ごとに数えるため、2 回ダウンロードした証明書は 2 件)。証明書がすでに存在しない配布は、申込局の認証局の下にテンプレート「(none)」として数えます。",
    none: "テンプレート「(none)」: テンプレートなしで発行された証明書。",
  },
  filter: {
    legend: "集計条件", period: "期間", day: "日", week: "週", month: "月", from: "開始日 (UTC)", to: "終了日 (UTC)",
    ca: "認証局", anyCa: "すべての認証局", template: "テンプレート", anyTemplate: "すべてのテンプレート", show: "集計する", reset: "直近 12 か月",
  },
  columns: { period: "期間", ca: "認証局", template: "テンプレート", issued: "発行", revoked: "失効", expired: "期限切れ", delivered: "配布 / インポート", total: "合計" },
  chart: { title: "期間ごと", caption: "期間ごとの発行・失効・期限切れ・配布の件数 ({from} から {to}、UTC)。" },
  reasons: {
    unspecified: "理由なし", keyCompromise: "鍵の危殆化", cACompromise: "認証局の危殆化", affiliationChanged: "所属の変更",
    superseded: "更新による置き換え", cessationOfOperation: "運用の停止", certificateHold: "一時停止", removeFromCRL: "失効リストから削除",
    privilegeWithdrawn: "権限の取り消し", aACompromise: "属性認証局の危殆化",
  },
  table: { title: "期間・認証局・テンプレート別", revokedBy: "失効理由別の失効", empty: "この範囲では発行・失効・期限切れ・配布はありません。" },
  exportCsv: "CSV でエクスポート", print: "印刷", generatedAt: "{time} (UTC) に作成 · {from} から {to} · {period}単位",
};

export function reportMessages(locale: Locale): ReportMessages {
  return locale === "ja" ? (ja as ReportMessages) : en;
}

export { fill } from "@/lib/i18n/fill";

/** A revocation reason's label; an unknown stored value is shown as is. */
export function reasonLabel(m: ReportMessages, reason: string): string {
  return (m.reasons as Record<string, string>)[reason] ?? reason;
}
