// Text of the RA console's account screens (list, account page operations, CSV import), in
// English and Japanese. Both languages define every key: checked by the type and messages.test.ts.
export const en = {
  list: {
    title: "Accounts", search: "Search user ID, name, e-mail or host name", kind: "Kind", anyKind: "All kinds", user: "User", server: "Server",
    status: "Status", anyStatus: "Active and disabled", active: "Active", disabled: "Disabled", deleted: "Deleted",
    group: "Group", anyGroup: "All groups", valid: "Has a valid certificate", expiring: "Expiring within (days)",
    sort: "Sort", sortCreated: "Newest first", sortName: "User ID (A→Z)", sortExpiry: "Soonest expiry first",
    apply: "Search", clear: "Clear", next: "Next page", first: "First page", newAccount: "New account", importCsv: "Import from CSV",
    empty: "No accounts yet. Create the first one or import a CSV file.", noMatch: "No account matches these conditions.",
    expiryNote: "Sorted by expiry: only accounts with a valid certificate are listed.", ignored: "Ignored in the address:",
    caption: "Accounts, {sort}", name: "User ID / server name", displayName: "Display name", contact: "E-mail / host names",
    certificates: "Valid certificates", nextExpiry: "Next expiry", created: "Registered",
  },
  page: {
    operations: "Operations", editTitle: "Edit account", save: "Save", cancel: "Cancel", saved: "Saved.", nothingChanged: "Nothing changed.",
    displayName: "Display name", email: "E-mail", hostnames: "Host names",
    hostnamesHelp: "One per line or separated by commas; they are lowercased and become the DNS names of new certificates.",
    uaPassword: "New UA password", uaPasswordHelp: "Leave empty to keep the current password (8 characters or more).",
    disable: "Disable account", disableQuestion: "Disable this account? It can no longer sign in at a UA or get new certificates. Its certificates stay valid.",
    enable: "Enable account", confirmDisable: "Disable",
    delete: "Delete account", deleteTitle: "Delete the account {name}?",
    deleteCounts: "This account has {valid} valid certificate(s), {total} in total.", deleteNone: "This account has no valid certificate.",
    deleteChoice: "What happens to its valid certificates", deleteRevoke: "Revoke them (reason: cessation of operation); the CRL is republished at once.",
    deleteKeep: "Keep them valid; they stay listed under this account and can be revoked later.",
    deleteAfter: "The account can no longer sign in or get certificates, leaves its groups, and its user ID cannot be used again.",
    deleteConfirm: "Delete account", deletedBanner: "This account was deleted on {time}. Its certificates remain listed below.",
    deletedDone: "Account deleted; {revoked} certificate(s) revoked, {kept} kept valid.", readOnly: "Your role can view this account but not change it.",
  },
  import: {
    title: "Import accounts (CSV)",
    intro: "Upload a CSV file (UTF-8 with or without BOM, or Shift_JIS). The first line names the columns; fields that contain commas, quotes or line breaks are put in double quotes.",
    columns: "Columns", colUserId: "user_id — required: the user ID or server name", colName: "name — display name", colEmail: "email — e-mail address",
    colGroups: "groups — existing group names, separated by \";\"", colHostnames: "hostnames — host names separated by \";\" (a row with host names is a server account)",
    colKind: "kind — optional: user or server",
    rule: "Re-running a file is safe: an account that already exists gets the file's display name, e-mail and host names, gains the listed groups (none are removed) and keeps its status; identical rows are reported as unchanged.",
    file: "CSV file", preview: "Preview", previewing: "Reading…", encoding: "Encoding",
    summary: "{create} to create, {update} to update, {unchanged} unchanged, {error} with errors",
    line: "Line", userId: "User ID", action: "Result", details: "Details",
    create: "Create", update: "Update", unchanged: "Unchanged", error: "Error",
    importButton: "Import {n} account(s)", importing: "Importing…", progress: "{done} of {total}",
    done: "Import finished: {create} created, {update} updated, {unchanged} unchanged, {error} with errors.",
    nothing: "Nothing to import: every row is unchanged or has an error.", failed: "The import stopped: {message}",
    tooLarge: "The CSV file is larger than {mb} MB. Split it into several files.",
    readOnly: "Your role may view accounts but not import them (ADMIN or OPERATOR needed).", again: "Import another file",
  },
};

export type AccountMessages = typeof en;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const ja: Shape<AccountMessages> = {
  list: {
    title: "アカウント一覧", search: "ユーザID・名前・メールアドレス・ホスト名で検索", kind: "種別", anyKind: "すべての種別", user: "ユーザ", server: "サーバ",
    status: "ステータス", anyStatus: "有効と無効", active: "有効", disabled: "無効", deleted: "削除済み",
    group: "グループ", anyGroup: "すべてのグループ", valid: "有効な証明書あり", expiring: "有効期限まで (日以内)",
    sort: "並び順", sortCreated: "登録日時の新しい順", sortName: "ユーザID順 (A→Z)", sortExpiry: "有効期限の近い順",
    apply: "検索", clear: "クリア", next: "次のページ", first: "最初のページ", newAccount: "アカウント新規作成", importCsv: "CSV から一括登録",
    empty: "アカウントはまだありません。新規作成するか CSV ファイルから一括登録してください。", noMatch: "条件に一致するアカウントはありません。",
    expiryNote: "有効期限順: 有効な証明書を持つアカウントだけを表示しています。", ignored: "アドレス中の次の指定は無視しました:",
    caption: "アカウント一覧 ({sort})", name: "ユーザID / サーバ名", displayName: "表示名", contact: "メールアドレス / ホスト名",
    certificates: "有効な証明書", nextExpiry: "直近の有効期限", created: "登録日時",
  },
  page: {
    operations: "操作メニュー", editTitle: "アカウントの編集", save: "保存", cancel: "キャンセル", saved: "保存しました。", nothingChanged: "変更はありません。",
    displayName: "表示名", email: "メールアドレス", hostnames: "ホスト名",
    hostnamesHelp: "1 行に 1 つ、またはカンマ区切り。小文字に変換され、新しい証明書の DNS 名になります。",
    uaPassword: "新しい UA パスワード", uaPasswordHelp: "空欄なら現在のパスワードのままです (8 文字以上)。",
    disable: "アカウントを無効にする", disableQuestion: "このアカウントを無効にしますか? UA へのログインと新しい証明書の発行ができなくなります。発行済みの証明書は有効なままです。",
    enable: "アカウントを有効にする", confirmDisable: "無効にする",
    delete: "アカウント削除", deleteTitle: "アカウント {name} を削除しますか?",
    deleteCounts: "このアカウントには有効な証明書が {valid} 枚あります (全 {total} 枚)。", deleteNone: "このアカウントに有効な証明書はありません。",
    deleteChoice: "有効な証明書の扱い", deleteRevoke: "失効させる (理由: 運用停止)。失効リストはすぐに再発行されます。",
    deleteKeep: "有効なまま残す。このアカウントの下に表示され、後から失効させることができます。",
    deleteAfter: "アカウントは UA へのログインも証明書の発行もできなくなり、グループから外れます。このユーザID は再利用できません。",
    deleteConfirm: "アカウントを削除", deletedBanner: "このアカウントは {time} に削除されました。証明書は下に表示されたままです。",
    deletedDone: "アカウントを削除しました。証明書 {revoked} 枚を失効、{kept} 枚を有効なまま残しました。", readOnly: "あなたのロールではこのアカウントを閲覧できますが、変更はできません。",
  },
  import: {
    title: "アカウント一括登録 (CSV)",
    intro: "CSV ファイル (UTF-8 (BOM 有無どちらも可) または Shift_JIS) をアップロードします。1 行目は列名です。カンマ・引用符・改行を含む値はダブルクォートで囲みます。",
    columns: "列", colUserId: "user_id — 必須: ユーザID またはサーバ名", colName: "name — 表示名", colEmail: "email — メールアドレス",
    colGroups: "groups — 既存のグループ名 (\";\" 区切り)", colHostnames: "hostnames — ホスト名 (\";\" 区切り。ホスト名のある行はサーバアカウント)",
    colKind: "kind — 任意: user または server",
    rule: "同じファイルを再実行しても安全です。既存のアカウントは表示名・メールアドレス・ホスト名がファイルの値になり、記載のグループに追加され (外されることはありません)、ステータスは変わりません。同一の行は「変更なし」と表示されます。",
    file: "CSV ファイル", preview: "プレビュー", previewing: "読み込み中…", encoding: "文字コード",
    summary: "作成 {create} 件、更新 {update} 件、変更なし {unchanged} 件、エラー {error} 件",
    line: "行", userId: "ユーザID", action: "結果", details: "詳細",
    create: "作成", update: "更新", unchanged: "変更なし", error: "エラー",
    importButton: "{n} 件のアカウントを登録", importing: "登録中…", progress: "{done} / {total}",
    done: "一括登録が完了しました: 作成 {create} 件、更新 {update} 件、変更なし {unchanged} 件、エラー {error} 件。",
    nothing: "登録するものはありません。すべての行が変更なしかエラーです。", failed: "一括登録が中断しました: {message}",
    tooLarge: "CSV ファイルが {mb} MB を超えています。複数のファイルに分けてください。",
    readOnly: "あなたのロールではアカウントを閲覧できますが、一括登録はできません (ADMIN または OPERATOR が必要です)。", again: "別のファイルを登録",
  },
};

export const ACCOUNT_MESSAGES = { en, ja: ja as AccountMessages } as const;

export { fill } from "@/lib/i18n/fill";
