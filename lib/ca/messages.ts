// Text of the authorities, certificates and dashboard pages, in English and Japanese (the
// seed's Gléas vocabulary: 認証局一覧, 失効リスト, シリアル). Both define every key.
export const en = {
  authorities: {
    title: "Authorities", intro: "Issuing CAs and the UAs (enrollment sites) bound to each.",
    create: "Create CA", root: "Root CA (self-signed)", intermediate: "Intermediate CA", signedBy: "Signed by", open: "Open",
    slug: "Name (used in /crl/<name>.pem)", name: "Display name", subject: "Subject", subjectHelp: "e.g. CN=Inkan Issuing CA ia2,O=Example,C=JP",
    keyAlgorithm: "Key algorithm", validityDays: "Validity (days)", crlValidityHours: "CRL validity (hours)",
    parent: "Parent CA", parentNone: "None: a self-signed root", parentHelp: "An intermediate gets path length 0 and its parent's CRL distribution point.",
    submit: "Create CA", created: "CA {slug} created.",
    issuer: "Issuer", serial: "Serial", key: "Key", validity: "Validity", sha1: "SHA-1 fingerprint", sha256: "SHA-256 fingerprint",
    basicConstraints: "Basic constraints", keyUsage: "Key usage", ski: "Subject key identifier", aki: "Authority key identifier", crlDp: "CRL distribution point",
    status: "Status", active: "Active", revoked: "Revoked", revokedAt: "Revoked at",
    crl: "Current CRL", crlNumber: "CRL number", thisUpdate: "This update", nextUpdate: "Next update", entries: "Revoked entries", noCrl: "No CRL published yet.",
    publish: "Publish CRL now", publishConfirm: "Sign and publish a new CRL for {slug} now?", published: "CRL #{number} published.",
    downloads: "Downloads", caPem: "CA certificate (PEM)", caDer: "CA certificate (DER)", crlPem: "CRL (PEM)", crlDer: "CRL (DER)", chainPem: "Chain to the root (PEM)",
    uas: "UAs", noUas: "No UA uses this CA.", uaSettings: "settings", uaSite: "site",
    children: "Intermediate CAs signed by this CA", recipes: "Server recipes",
    revoke: "Revoke this intermediate", reason: "Reason", revokeConfirm: "Revoke intermediate CA {slug}? Its certificate is listed in {parent}'s CRL and every certificate under it stops verifying.",
    revokedDone: "Revoked; {parent}'s CRL republished.", pem: "Certificate (PEM)",
  },
  certificates: {
    title: "Certificates", search: "Serial (prefix), subject or account", status: "Status", any: "Any", valid: "Valid", expired: "Expired", revoked: "Revoked",
    ca: "CA", template: "Template", expiresAfter: "Expires on or after", expiresBefore: "Expires before", sort: "Sort by", sortIssued: "Newest first", sortExpiry: "Expiring first",
    searchButton: "Search", reset: "Clear", serial: "Serial", subject: "Subject", account: "Account", notAfter: "Expiry", select: "Select",
    empty: "No certificates have been issued yet.", noMatch: "No certificate matches these filters.", next: "Next page", first: "First page",
    selectAll: "Select all on this page", selected: "{count} selected", bulkRevoke: "Revoke selected", reason: "Reason",
    bulkConfirm: "Revoke {count} certificates with reason {reason}? This cannot be undone.",
    bulkDone: "{count} revoked; CRL republished.", bulkAlready: "{count} were already revoked and were left as they were.",
    // detail page
    detail: "Certificate", issuer: "Issuer", validity: "Validity", key: "Key", signatureAlgorithm: "Signature algorithm", sans: "Subject alternative names",
    keyUsage: "Key usage", eku: "Extended key usage", basicConstraints: "Basic constraints", ski: "Subject key identifier", aki: "Authority key identifier",
    crlDp: "CRL distribution point", sha1: "SHA-1 fingerprint", sha256: "SHA-256 fingerprint", source: "Source", csr: "CSR", keygen: "Server-side key",
    revokedAt: "Revocation date", downloads: "Downloads", pem: "PEM", der: "DER", chain: "Chain (PEM)", downloadP12: "Download .p12",
    revokeHeading: "Revoke", activity: "Activity", none: "-",
  },
  dashboard: {
    title: "Dashboard", accounts: "Accounts", valid: "Valid certificates", expired: "Expired", revoked: "Revoked", expiringSoon: "Expiring within 30 days",
    chartTitle: "Certificates expiring per week (next 90 days)", chartWeek: "Week starting", chartCount: "Expiring", chartSummary: "{total} certificates expire in the next 90 days; the busiest week starts {week} ({max}).",
    crlTitle: "CRL freshness", ca: "CA", crlNumber: "CRL number", nextUpdate: "Next update", remaining: "Time left", stale: "Under 25% of its validity left",
    missing: "No CRL", overdue: "Past next update", recent: "Recent activity", none: "Nothing yet.", when: "When", action: "Action", actor: "By", target: "Target", outcome: "Outcome",
  },
};

export type CaMessages = typeof en;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const ja: Shape<CaMessages> = {
  authorities: {
    title: "認証局一覧", intro: "発行局 (認証局) と、各認証局に紐付く申込局 (UA) の一覧です。",
    create: "認証局を作成", root: "ルート認証局 (自己署名)", intermediate: "中間認証局", signedBy: "署名した認証局", open: "開く",
    slug: "名前 (/crl/<名前>.pem に使われます)", name: "表示名", subject: "サブジェクト", subjectHelp: "例: CN=Inkan Issuing CA ia2,O=Example,C=JP",
    keyAlgorithm: "鍵アルゴリズム", validityDays: "有効期間 (日)", crlValidityHours: "失効リストの有効期間 (時間)",
    parent: "上位の認証局", parentNone: "なし: 自己署名のルート", parentHelp: "中間認証局はパス長 0 で、上位認証局の CRL 配布ポイントを持ちます。",
    submit: "認証局を作成", created: "認証局 {slug} を作成しました。",
    issuer: "発行者", serial: "シリアル", key: "鍵", validity: "有効期間", sha1: "SHA-1 拇印", sha256: "SHA-256 拇印",
    basicConstraints: "基本制約", keyUsage: "鍵用途", ski: "サブジェクト鍵識別子", aki: "認証局鍵識別子", crlDp: "CRL 配布ポイント",
    status: "状態", active: "有効", revoked: "失効", revokedAt: "失効日時",
    crl: "現在の失効リスト", crlNumber: "CRL番号", thisUpdate: "発行日時", nextUpdate: "次回更新", entries: "失効エントリ数", noCrl: "失効リストはまだ発行されていません。",
    publish: "失効リストを今すぐ発行", publishConfirm: "{slug} の失効リストを今すぐ署名・発行しますか?", published: "失効リスト #{number} を発行しました。",
    downloads: "ダウンロード", caPem: "認証局証明書 (PEM)", caDer: "認証局証明書 (DER)", crlPem: "失効リスト (PEM)", crlDer: "失効リスト (DER)", chainPem: "ルートまでのチェーン (PEM)",
    uas: "申込局 (UA)", noUas: "この認証局を使う申込局はありません。", uaSettings: "設定", uaSite: "サイト",
    children: "この認証局が署名した中間認証局", recipes: "サーバ設定例",
    revoke: "この中間認証局を失効", reason: "失効理由", revokeConfirm: "中間認証局 {slug} を失効しますか? 証明書は {parent} の失効リストに載り、配下の証明書はすべて検証に失敗するようになります。",
    revokedDone: "失効しました。{parent} の失効リストを再発行しました。", pem: "証明書 (PEM)",
  },
  certificates: {
    title: "証明書一覧", search: "シリアル (前方一致)、サブジェクト、アカウント", status: "状態", any: "すべて", valid: "有効", expired: "期限切れ", revoked: "失効",
    ca: "認証局", template: "テンプレート", expiresAfter: "有効期限 (この日以降)", expiresBefore: "有効期限 (この日より前)", sort: "並び順", sortIssued: "発行の新しい順", sortExpiry: "有効期限の近い順",
    searchButton: "検索", reset: "クリア", serial: "シリアル", subject: "サブジェクト", account: "アカウント", notAfter: "有効期限", select: "選択",
    empty: "発行された証明書はまだありません。", noMatch: "条件に合う証明書はありません。", next: "次のページ", first: "最初のページ",
    selectAll: "このページをすべて選択", selected: "{count} 件選択中", bulkRevoke: "選択した証明書を失効", reason: "失効理由",
    bulkConfirm: "{count} 件の証明書を失効理由 {reason} で失効しますか? 元に戻せません。",
    bulkDone: "{count} 件を失効し、失効リストを再発行しました。", bulkAlready: "{count} 件はすでに失効済みのため変更していません。",
    detail: "証明書", issuer: "発行者", validity: "有効期間", key: "鍵", signatureAlgorithm: "署名アルゴリズム", sans: "サブジェクト代替名",
    keyUsage: "鍵用途", eku: "拡張鍵用途", basicConstraints: "基本制約", ski: "サブジェクト鍵識別子", aki: "認証局鍵識別子",
    crlDp: "CRL 配布ポイント", sha1: "SHA-1 拇印", sha256: "SHA-256 拇印", source: "発行方法", csr: "CSR", keygen: "サーバで鍵生成",
    revokedAt: "失効日時", downloads: "ダウンロード", pem: "PEM", der: "DER", chain: "チェーン (PEM)", downloadP12: ".p12 をダウンロード",
    revokeHeading: "失効", activity: "操作履歴", none: "-",
  },
  dashboard: {
    title: "ダッシュボード", accounts: "アカウント", valid: "有効な証明書", expired: "期限切れ", revoked: "失効", expiringSoon: "30 日以内に期限切れ",
    chartTitle: "週ごとの有効期限到来数 (今後 90 日)", chartWeek: "週の開始日", chartCount: "期限到来数", chartSummary: "今後 90 日で {total} 件の証明書が期限を迎えます。最も多い週は {week} からの週 ({max} 件) です。",
    crlTitle: "失効リストの鮮度", ca: "認証局", crlNumber: "CRL番号", nextUpdate: "次回更新", remaining: "残り時間", stale: "有効期間の 25% 未満",
    missing: "失効リストなし", overdue: "次回更新を過ぎています", recent: "最近の操作", none: "まだありません。", when: "日時", action: "操作", actor: "実行者", target: "対象", outcome: "結果",
  },
};

export const CA_MESSAGES = { en, ja: ja as CaMessages } as const;

export { fill } from "@/lib/i18n/fill";
