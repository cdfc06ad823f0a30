// Text of the groups pages and the account page's "group info" panel, in English and Japanese
// (the seed's Gléas vocabulary: ユーザグループ / ロールグループ). Both languages define every key.
export const en = {
  title: "Groups", intro: "User groups and role groups carry certificate templates. Role groups grant rights such as SSL server certificates.",
  name: "Name", kind: "Kind", user: "User group", role: "Role group", description: "Description", template: "Template", noTemplate: "(no template)",
  members: "Members", builtIn: "built-in", none: "No groups yet.", create: "Create group", save: "Save", saved: "Saved.", edit: "Group settings",
  delete: "Delete group", deleteConfirm: "Delete this group? Its members stay as accounts; only their membership ends.", builtInNoDelete: "Built-in groups cannot be deleted.",
  addMember: "Add a member", accountToAdd: "User ID or server name", add: "Add", remove: "Remove", removeConfirm: "Remove {account} from this group?",
  noMembers: "This group has no members.", nextPage: "Next page", firstPage: "First page", account: "Account", accountKind: "Kind", joined: "Joined",
  userAccount: "User", serverAccount: "Server", readOnly: "Your role can view groups but not change them.",
  groupInfo: "Group info", userGroups: "User groups", roleGroups: "Role groups", noGroups: "None", chooseGroup: "Group to join", join: "Add",
  leaveConfirm: "Remove this account from the group \"{group}\"?",
  clientTemplates: "Client certificate templates", serverTemplates: "Server certificate templates",
  bulk: {
    title: "Issue certificates to the members", intro: "Each active member gets a certificate with a key generated on the server, from its template; the key stays sealed for PKCS#12 download at the UA or from the certificate page. Disabled members are left out.",
    onlyWithout: "Only members without a valid certificate", run: "Issue to members",
    confirm: "Issue a certificate to each of the {count} members of \"{group}\" (disabled members are left out)?", confirmButton: "Issue",
    issuing: "Issuing certificates", progress: "{done} / {total}", done: "Finished: {issued} issued, {skipped} skipped, {failed} failed.",
    failed: "Bulk issuance stopped: {message}", account: "Account", outcome: "Result", details: "Serial or reason",
    issued: "Issued", skipped: "Skipped", failedRow: "Failed", noMembers: "This group has no members to issue to.",
  },
};

export type GroupMessages = typeof en;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const ja: Shape<GroupMessages> = {
  title: "グループ", intro: "ユーザグループとロールグループは証明書テンプレートを持ちます。ロールグループは SSL サーバ証明書などの権限を与えます。",
  name: "名前", kind: "種別", user: "ユーザグループ", role: "ロールグループ", description: "説明", template: "テンプレート", noTemplate: "(テンプレートなし)",
  members: "メンバー", builtIn: "組込み", none: "グループはまだありません。", create: "グループを作成", save: "保存", saved: "保存しました。", edit: "グループの設定",
  delete: "グループを削除", deleteConfirm: "このグループを削除しますか? メンバーのアカウントは残り、所属だけが解除されます。", builtInNoDelete: "組込みのグループは削除できません。",
  addMember: "メンバーを追加", accountToAdd: "ユーザID またはサーバ名", add: "追加", remove: "削除", removeConfirm: "{account} をこのグループから外しますか?",
  noMembers: "このグループにメンバーはいません。", nextPage: "次のページ", firstPage: "最初のページ", account: "アカウント", accountKind: "種別", joined: "参加日時",
  userAccount: "ユーザ", serverAccount: "サーバ", readOnly: "あなたのロールではグループを閲覧できますが、変更はできません。",
  groupInfo: "グループ情報", userGroups: "ユーザグループ", roleGroups: "ロールグループ", noGroups: "なし", chooseGroup: "参加させるグループ", join: "追加",
  leaveConfirm: "このアカウントをグループ「{group}」から外しますか?",
  clientTemplates: "クライアント証明書のテンプレート", serverTemplates: "サーバ証明書のテンプレート",
  bulk: {
    title: "メンバーに証明書を一括発行", intro: "有効なメンバーごとに、サーバで生成した鍵とテンプレートに従った証明書を発行します。鍵は封印して保管され、UA または証明書ページから PKCS#12 でダウンロードできます。無効なメンバーは対象外です。",
    onlyWithout: "有効な証明書を持たないメンバーだけ", run: "メンバーに発行",
    confirm: "「{group}」の {count} 人のメンバーそれぞれに証明書を発行しますか? (無効なメンバーは対象外です)", confirmButton: "発行",
    issuing: "証明書を発行しています", progress: "{done} / {total}", done: "完了: 発行 {issued} 件、スキップ {skipped} 件、失敗 {failed} 件。",
    failed: "一括発行が中断しました: {message}", account: "アカウント", outcome: "結果", details: "シリアル番号または理由",
    issued: "発行済み", skipped: "スキップ", failedRow: "失敗", noMembers: "このグループには発行対象のメンバーがいません。",
  },
};

export const GROUP_MESSAGES = { en, ja } as const;
