// Text of the dock (ドック, seed 001: "ドックに入れる", "ドック: アカウント (0), 証明書 (0)") in English
// and Japanese. Both languages define every key (lib/dock/messages.test.ts).
export { fill } from "@/lib/i18n/fill";

export const en = {
  nav: { label: "Dock", accounts: "accounts ({count})", certificates: "certificates ({count})" },
  put: "Put in dock", remove: "Remove from dock", inDock: "In your dock.",
  putSelected: "Put selected in dock", putDone: "{count} put in the dock.", putAlready: "{count} were already in it.",
  page: {
    title: "Dock",
    intro: "Your holding tray: accounts and certificates you put here from any page stay until you take them out, across pages and sign-ins. Act on them together below. Only you see your dock.",
    accounts: "Accounts", certificates: "Certificates", selected: "{count} selected", selectAll: "Select all", select: "Select",
    name: "User ID / server name", kind: "Kind", user: "User", server: "Server", displayName: "Display name", status: "Status",
    active: "Active", disabled: "Disabled", deleted: "Deleted (gone)", docked: "Docked",
    serial: "Serial", subject: "Subject", account: "Account", ca: "CA", notAfter: "Expiry", valid: "Valid", expired: "Expired", revoked: "Revoked", accountDeleted: "account deleted",
    remove: "Remove", removeSelected: "Remove selected from dock", removed: "{count} taken out of the dock.",
    noAccounts: "No accounts in your dock. Use \"Put in dock\" on an account page, or select accounts in the account list.",
    noCertificates: "No certificates in your dock. Use \"Put in dock\" on a certificate page, or select certificates in the certificate list.",
    group: "Group", addToGroup: "Add to group", noGroups: "No groups yet.",
    groupDone: "Added to \"{group}\": {count}.", groupAlready: "Already members: {count}.", gone: "Deleted, left alone: {count}.",
    disable: "Disable", disableConfirm: "Disable {count} accounts? They can no longer sign in at a UA or get new certificates; their valid certificates stay valid.",
    disableDone: "Disabled: {count}.", disableAlready: "Already disabled: {count}.",
    revokeNote: "Revoked certificates cannot be revoked again: only the valid and expired ones of the selection are revoked.",
    clear: "Empty the dock", clearConfirm: "Take all {accounts} accounts and {certificates} certificates out of your dock? The accounts and certificates themselves are not changed.",
    cleared: "The dock is empty.", cancel: "Cancel",
  },
};

export type DockMessages = typeof en;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const ja: Shape<DockMessages> = {
  nav: { label: "ドック", accounts: "アカウント ({count})", certificates: "証明書 ({count})" },
  put: "ドックに入れる", remove: "ドックから出す", inDock: "ドックに入っています。",
  putSelected: "選択したものをドックに入れる", putDone: "{count} 件をドックに入れました。", putAlready: "{count} 件は既に入っていました。",
  page: {
    title: "ドック",
    intro: "作業用の置き場です。どのページからでも入れたアカウントと証明書は、取り出すまでページを移ってもサインインし直しても残ります。下でまとめて操作できます。ドックはあなたにだけ見えます。",
    accounts: "アカウント", certificates: "証明書", selected: "{count} 件選択", selectAll: "すべて選択", select: "選択",
    name: "ユーザID / サーバ名", kind: "種別", user: "ユーザ", server: "サーバ", displayName: "表示名", status: "ステータス",
    active: "有効", disabled: "無効", deleted: "削除済み", docked: "入れた日時",
    serial: "シリアル", subject: "サブジェクト", account: "アカウント", ca: "CA", notAfter: "有効期限", valid: "有効", expired: "期限切れ", revoked: "失効", accountDeleted: "アカウント削除済み",
    remove: "取り出す", removeSelected: "選択したものをドックから出す", removed: "{count} 件をドックから出しました。",
    noAccounts: "ドックにアカウントはありません。アカウントのページの「ドックに入れる」か、アカウント一覧での選択で入れられます。",
    noCertificates: "ドックに証明書はありません。証明書のページの「ドックに入れる」か、証明書一覧での選択で入れられます。",
    group: "グループ", addToGroup: "グループに追加", noGroups: "グループはまだありません。",
    groupDone: "「{group}」に追加: {count} 件。", groupAlready: "既にメンバー: {count} 件。", gone: "削除済みのため対象外: {count} 件。",
    disable: "無効にする", disableConfirm: "{count} 件のアカウントを無効にしますか? UA にサインインできず、新しい証明書も発行されなくなります。有効な証明書はそのまま有効です。",
    disableDone: "無効にしました: {count} 件。", disableAlready: "既に無効: {count} 件。",
    revokeNote: "失効済みの証明書は再び失効できません。選択のうち有効なものと期限切れのものだけを失効します。",
    clear: "ドックを空にする", clearConfirm: "アカウント {accounts} 件と証明書 {certificates} 件をすべてドックから出しますか? アカウントと証明書そのものは変わりません。",
    cleared: "ドックは空です。", cancel: "キャンセル",
  },
};

export const DOCK_MESSAGES = { en, ja } as const;
