// Text of the auditor's workspace (audit log, event, verification, exports) in English and
// Japanese. Both languages define every key: checked by the type and messages.test.ts.
import type { Locale } from "@/lib/i18n";

export const en = {
  log: {
    title: "Audit log", intro: "Every change and every sensitive read, as one event in a hash chain. Times are UTC.",
    filters: "Filters", from: "From (UTC)", to: "To (UTC)", actor: "Actor", actorHelp: "E-mail or token name, or a full label such as admin:alice@example.com",
    action: "Action", anyAction: "Any action", targetType: "Target type", anyTarget: "Any target", targetId: "Target (user ID, serial, CA, UA, deploy target…)",
    ip: "IP address", outcome: "Outcome", anyOutcome: "Any outcome", success: "Success", failure: "Failure", q: "Free text", search: "Search", reset: "Clear filters",
    seq: "#", at: "Time", target: "Target", details: "Details",
    empty: "The audit log is empty.", noMatch: "No event matches these filters.", next: "Older events", first: "Newest events",
    exportCsv: "Export CSV", exportJsonl: "Export JSON Lines", exportHelp: "Exports hold the events matching the filters (all events when no filter is set) and the chain head; verify either file, as downloaded, offline with: npm run inkan -- audit verify --file <file>",
  },
  targets: { account: "Account", certificate: "Certificate", ca: "CA", ua: "UA", "deploy-target": "Deploy target", admin: "Administrator", apitoken: "API token", group: "Group", template: "Template", crl: "CRL", application: "Registration application" },
  verify: {
    title: "Chain verification", run: "Verify the chain now", running: "Verifying…", never: "No verification is on record yet.",
    lastOk: "Last verification: {time} by {actor}, intact ({events} events).", lastBroken: "Last verification: {time} by {actor}, broken at event {seq}: {reason}",
    ok: "Intact: {events} events, from event 1 to event {seq}.", okEmpty: "Intact: the log is empty.",
    broken: "Broken at event {seq}: {reason}", openBroken: "Open event {seq}",
    anchor: "Head kept outside the database: event {seq}, seen {time}.", noAnchor: "No head has been recorded outside the database yet.",
    verifiedAt: "Verified at {time}.",
  },
  event: {
    title: "Audit event {seq}", back: "Audit log", previous: "Previous event", next: "Next event",
    actor: "Actor", action: "Action", at: "Time", outcome: "Outcome", target: "Target", openTarget: "Open", ip: "IP address", userAgent: "User agent",
    details: "Details", noDetails: "No details.", rawDetails: "Stored details (hashed as is)",
    integrity: "Integrity", hash: "Hash", prevHash: "Previous hash", hashOk: "The stored hash matches this event's content.", hashBad: "The stored hash does NOT match this event's content.",
    linkOk: "The previous hash is the hash of the event before it.", linkBad: "The previous hash does NOT match the event before it (or that event is missing).",
  },
};

export type AuditMessages = typeof en;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const ja: Shape<AuditMessages> = {
  log: {
    title: "監査ログ", intro: "すべての変更と重要な参照を、ハッシュチェーンでつながった 1 件ずつのイベントとして記録します。時刻は UTC です。",
    filters: "絞り込み", from: "開始 (UTC)", to: "終了 (UTC)", actor: "操作者", actorHelp: "メールアドレスまたはトークン名、または admin:alice@example.com のような完全な表記",
    action: "操作", anyAction: "すべての操作", targetType: "対象の種類", anyTarget: "すべての対象", targetId: "対象 (ユーザID、シリアル、認証局、申込局、デプロイ先など)",
    ip: "IP アドレス", outcome: "結果", anyOutcome: "すべての結果", success: "成功", failure: "失敗", q: "フリーワード", search: "検索", reset: "絞り込みを解除",
    seq: "#", at: "日時", target: "対象", details: "詳細",
    empty: "監査ログはまだありません。", noMatch: "条件に一致するイベントはありません。", next: "古いイベント", first: "最新のイベント",
    exportCsv: "CSV でエクスポート", exportJsonl: "JSON Lines でエクスポート", exportHelp: "エクスポートには絞り込み条件に一致するイベント (条件なしなら全イベント) とチェーンの先頭が含まれます。どちらのファイルも、ダウンロードしたままの状態でオフライン検証できます: npm run inkan -- audit verify --file <ファイル>",
  },
  targets: { account: "アカウント", certificate: "証明書", ca: "認証局", ua: "申込局 (UA)", "deploy-target": "デプロイ先", admin: "管理者", apitoken: "APIトークン", group: "グループ", template: "テンプレート", crl: "失効リスト", application: "登録申請書" },
  verify: {
    title: "チェーンの検証", run: "今すぐ検証する", running: "検証中…", never: "検証の記録はまだありません。",
    lastOk: "前回の検証: {time}、{actor}、改ざんなし ({events} 件)。", lastBroken: "前回の検証: {time}、{actor}、イベント {seq} で破損: {reason}",
    ok: "改ざんなし: {events} 件 (イベント 1 から {seq} まで)。", okEmpty: "改ざんなし: ログは空です。",
    broken: "イベント {seq} で破損: {reason}", openBroken: "イベント {seq} を開く",
    anchor: "データベース外に記録した先頭: イベント {seq} ({time} 時点)。", noAnchor: "データベース外にはまだ先頭が記録されていません。",
    verifiedAt: "{time} に検証しました。",
  },
  event: {
    title: "監査イベント {seq}", back: "監査ログ", previous: "前のイベント", next: "次のイベント",
    actor: "操作者", action: "操作", at: "日時", outcome: "結果", target: "対象", openTarget: "開く", ip: "IP アドレス", userAgent: "ユーザーエージェント",
    details: "詳細", noDetails: "詳細はありません。", rawDetails: "保存された詳細 (このままハッシュ化)",
    integrity: "完全性", hash: "ハッシュ", prevHash: "直前のハッシュ", hashOk: "保存されたハッシュはこのイベントの内容と一致します。", hashBad: "保存されたハッシュがこのイベントの内容と一致しません。",
    linkOk: "直前のハッシュは 1 つ前のイベントのハッシュと一致します。", linkBad: "直前のハッシュが 1 つ前のイベントと一致しません (またはそのイベントがありません)。",
  },
};

export function auditMessages(locale: Locale): AuditMessages {
  return locale === "ja" ? (ja as AuditMessages) : en;
}

export { fill } from "@/lib/i18n/fill";
