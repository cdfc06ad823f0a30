// Text of the templates pages and the account page's "template info" panel, in English and
// Japanese (the seed's table: 種別 / 必須テンプレート / 任意テンプレート). Both languages define every key.
export const en = {
  title: "Templates (certificate profiles)", intro: "A template decides the subject, key, validity, usages, SANs and the certificate limit of the accounts in the groups that carry it.",
  name: "Name", usage: "Usage", client: "Client certificate", server: "Server certificate", builtIn: "built-in", groups: "Groups", noGroups: "No group carries it.",
  none: "No templates yet.", create: "Create template", newTemplate: "New template", save: "Save", saved: "Saved.", edit: "Template settings",
  delete: "Delete template", deleteConfirm: "Delete this template? Certificates issued with it keep their contents.", builtInNoDelete: "Built-in templates cannot be deleted.",
  attachHelp: "Attach a template to a group on the group's page (Groups → the group → Template).",
  subject: "Subject", field: "Attribute", required: "Required values", optional: "Optional values",
  valuesHelp: "One value per line. Required values are in every certificate; an optional value only when a CSR asks for it. DC: most general first (for example.local: local, then example).",
  cn: "Common name (CN)", cnClient: "the account's user ID", cnServer: "the account's first host name",
  DC: "Domain component (DC)", C: "Country (C)", ST: "State or province (ST)", L: "Locality (L)", O: "Organization (O)", OU: "Organizational unit (OU)", email: "E-mail address",
  keyAlgorithm: "Key algorithm (server-generated keys, when the request names none)", validityDays: "Validity (days)",
  keyUsage: "Key usage (none checked: by key type)", eku: "Extended key usage (none checked: by usage)", extraEku: "Other EKU OIDs (one per line)",
  san: "Subject alternative names", sanDns: "DNS names from the account's host names", sanEmail: "E-mail from the account", emailInSubject: "Also put the account's e-mail in the subject",
  max: "Maximum valid certificates per account (0 = no limit)", unlimited: "no limit", automatic: "automatic",
  readOnly: "Only ADMIN may change templates.",
  templateInfo: "Template info", type: "Type", source: "From", fromAccount: "account", fallback: "built-in default (no group)",
  precedence: "Precedence: role groups before user groups, then by group name. Each subject attribute comes from the first template that sets it; every other setting from the first template ({template}).",
  notApplied: "not applied: {usage} template", serverRule: "Not in the role group \"{group}\": server certificates are refused until the account is added to it.",
  settings: "Settings",
};

export type TemplateMessages = typeof en;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const ja: Shape<TemplateMessages> = {
  title: "テンプレート (証明書プロファイル)", intro: "テンプレートは、それを持つグループのアカウントに発行する証明書のサブジェクト、鍵、有効期間、用途、SAN、発行数の上限を決めます。",
  name: "名前", usage: "用途", client: "クライアント証明書", server: "サーバ証明書", builtIn: "組込み", groups: "グループ", noGroups: "どのグループにも割り当てられていません。",
  none: "テンプレートはまだありません。", create: "テンプレートを作成", newTemplate: "新しいテンプレート", save: "保存", saved: "保存しました。", edit: "テンプレートの設定",
  delete: "テンプレートを削除", deleteConfirm: "このテンプレートを削除しますか? このテンプレートで発行済みの証明書の内容は変わりません。", builtInNoDelete: "組込みのテンプレートは削除できません。",
  attachHelp: "テンプレートはグループのページ (グループ → 対象グループ → テンプレート) でグループに割り当てます。",
  subject: "サブジェクト", field: "種別", required: "必須テンプレート", optional: "任意テンプレート",
  valuesHelp: "1 行に 1 つの値。必須の値はすべての証明書に入り、任意の値は CSR が求めたときだけ入ります。DC は上位から (example.local なら local、次に example)。",
  cn: "一般名(CN)", cnClient: "アカウントのユーザID", cnServer: "アカウントの最初のホスト名",
  DC: "ドメインコンポーネント(DC)", C: "国(C)", ST: "都道府県(ST)", L: "市区町村(L)", O: "組織名(O)", OU: "部署名(OU)", email: "メールアドレス",
  keyAlgorithm: "鍵アルゴリズム (サーバで鍵を生成し、指定がないとき)", validityDays: "有効期間 (日)",
  keyUsage: "鍵用途 (未選択: 鍵の種類による)", eku: "拡張鍵用途 (未選択: 用途による)", extraEku: "その他の EKU OID (1 行に 1 つ)",
  san: "サブジェクト代替名 (SAN)", sanDns: "アカウントのホスト名を DNS 名に", sanEmail: "アカウントのメールアドレス", emailInSubject: "アカウントのメールアドレスをサブジェクトにも入れる",
  max: "アカウントあたりの有効な証明書の上限 (0 = 無制限)", unlimited: "無制限", automatic: "自動",
  readOnly: "テンプレートを変更できるのは ADMIN だけです。",
  templateInfo: "テンプレート情報", type: "種別", source: "取得元", fromAccount: "アカウント", fallback: "組込みの既定 (グループなし)",
  precedence: "優先順位: ロールグループ → ユーザグループ、同じ種別ではグループ名順。サブジェクトの各属性は最初にそれを設定したテンプレートから、その他の設定は最初のテンプレート ({template}) から取ります。",
  notApplied: "適用外: {usage}のテンプレート", serverRule: "ロールグループ「{group}」に参加していません。参加させるまでサーバ証明書の発行は拒否されます。",
  settings: "設定",
};

export const TEMPLATE_MESSAGES = { en, ja } as const;
