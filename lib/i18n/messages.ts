// UI text in English and Japanese. Keys are grouped by screen; both languages must
// define every key (checked by the type below and by lib/i18n/messages.test.ts).
export const en = {
  app: { name: "Inkan", tagline: "Private CA operations", ra: "RA console", signOut: "Sign out", language: "Language", skip: "Skip to content" },
  nav: { dashboard: "Dashboard", accounts: "Accounts", newAccount: "New account", authorities: "Authorities", tokens: "API tokens", certificates: "Certificates", groups: "Groups", templates: "Templates", importAccounts: "Import accounts (CSV)", deploy: "Deploy (AWS)", audit: "Audit log", reports: "Issuance report", alerts: "Alerts", admins: "Administrators", applications: "Applications", applicationsPending: "{count} pending" },
  login: {
    title: "Sign in to the RA console", email: "E-mail", password: "Password", submit: "Sign in",
    invalid: "The e-mail or password is wrong.", locked: "Too many failed attempts. Wait 15 minutes and try again.",
    disabled: "This administrator is disabled.", error: "Sign-in failed. Try again.",
    totp: "Authenticator code", totpHint: "Only if you have set up two-factor sign-in: the 6 digits your app shows now.",
    "totp-required": "Type the code from your authenticator app as well.", "totp-invalid": "The authenticator code is wrong or was already used. Type the code shown now.",
  },
  setup: {
    title: "Set up Inkan", intro: "Create the first administrator. The setup token was printed on the server console when Inkan started.",
    token: "Setup token", email: "Administrator e-mail", password: "Password (12 characters or more)", submit: "Create administrator",
    done: "Setup is complete. Sign in to continue.",
  },
  dashboard: { title: "Dashboard", accounts: "Accounts", issued: "Valid certificates", revoked: "Revoked certificates", crl: "CRL", crlNumber: "CRL number", nextUpdate: "Next update", recent: "Recent activity", none: "Nothing yet." },
  accounts: {
    title: "Accounts", search: "Search by user ID, name, e-mail or host name", searchButton: "Search", empty: "No accounts yet. Create the first one.",
    noMatch: "No account matches.", next: "Next page", first: "First page",
    kind: "Kind", user: "User", server: "Server", name: "User ID / server name", displayName: "Display name", email: "E-mail",
    status: "Status", active: "Active", disabled: "Disabled", created: "Registered", hostnames: "Host names", hostnamesHelp: "One per line or separated by commas. They become the certificate's DNS names.",
    uaPassword: "UA password", uaPasswordHelp: "The password the user types at the UA portal (8 characters or more). Optional.",
    create: "Create account", createTitle: "New account", created_ok: "Account created.",
  },
  account: {
    info: "Account information", attributes: "Attributes", history: "Issuance history", noCertificates: "No certificates have been issued.",
    serial: "Serial", start: "Start", expiry: "Expiry", status: "Status", revokedAt: "Revocation date", keyType: "Key type",
    issue: "Issue certificate", issueServerKey: "Server-side key → PKCS#12", issueServerKeyHelp: "Inkan generates the key, signs the certificate and lets you download a PKCS#12 protected by the password you type.",
    keyAlgorithm: "Key algorithm", p12Password: "PKCS#12 password", p12PasswordConfirm: "Confirm password", encryption: "Encryption",
    legacy: "Compatible (3DES / SHA-1 MAC: iOS, macOS, older Windows)", aes256: "AES-256 (modern clients)", issueAndDownload: "Issue and download .p12",
    passwordsDiffer: "The two passwords differ.", issued: "Certificate issued.",
    issueCsr: "From a CSR", csrFile: "CSR file (PEM or DER)", confirmCsr: "Confirm CSR content before issuing", issueCsrButton: "Issue", confirmIssue: "Issue with this content",
    csrSubject: "Requested subject", csrKey: "Key", csrExtensions: "Requested extensions", csrSignature: "Signature", csrSignatureOk: "Valid", csrIgnored: "Not copied into the certificate",
    cancel: "Cancel", none: "None",
  },
  certificate: {
    title: "Certificate", subject: "Subject", issuer: "Issuer (CA)", account: "Account", sans: "Subject alternative names", source: "Source",
    keygen: "Server-side key", csr: "CSR", validity: "Validity", downloads: "Downloads", pem: "PEM", der: "DER", chain: "Chain (PEM)",
    pkcs12: "PKCS#12", downloadP12: "Download .p12", revoke: "Revoke", reason: "Reason", revokeConfirm: "Revoke this certificate? This cannot be undone; the CRL is republished at once.",
    revoked: "Revoked", issued: "Valid", revokedOk: "Certificate revoked and CRL republished.", activity: "Activity",
  },
  authorities: { title: "Authorities", subject: "Subject", key: "Key", crl: "Current CRL", download: "Download", publish: "Publish CRL now", published: "CRL published.", entries: "Revoked entries" },
  tokens: { title: "API tokens", name: "Name", role: "Role", create: "Create token", createdOnce: "Copy the token now: it is shown only once.", revoke: "Revoke", revokeConfirm: "Revoke this token? Scripts using it stop working.", lastUsed: "Last used", none: "No API tokens yet.", revokedLabel: "Revoked" },
  mtls: {
    nav: "Client certificate check", toolTitle: "Who is this client?",
    toolIntro: "Paste the X-Amzn-Mtls-Clientcert-* headers a load balancer passed to your application (as raw headers, as the demo page prints them, or as JSON), the X-SSL-Client-Cert header from nginx or Apache, or a certificate in PEM. Inkan checks that the leaf matches its headers, finds the account and tells the certificate's status now.",
    paste: "Headers or certificate", identify: "Check", result: "Result", status: "Status", explanation: "Details",
    statusValid: "Valid", statusRevoked: "Revoked", statusExpired: "Expired", statusNotYetValid: "Not yet valid", statusUnknown: "Unknown to Inkan", statusForeign: "Issued by another CA",
    presented: "Presented certificate", source: "Received as", sourceAlbVerify: "ALB headers (verify mode)", sourceAlbPassthrough: "ALB header (passthrough mode)", sourcePem: "PEM",
    account: "Account", authority: "CA", certificate: "Certificate in Inkan", accountDisabled: "(account disabled)", checkedAt: "Checked at",
    recipes: "Server recipes", recipesTitle: "Server recipes", recipesIntro: "Copy-ready configuration that makes a web server or load balancer accept client certificates of this CA only, and keeps its copy of the CRL fresh.",
    options: "Options", verify: "Client certificate", verifyRequired: "Required: no valid certificate, no access", verifyOptional: "Optional: the application decides",
    depth: "Verify depth (empty: automatic)", serverName: "Host name", listen: "Listen (port or address:port)", upstream: "Application URL", directory: "Directory for the CA and CRL files (empty: per server)",
    subjectO: "Apache: accepted subject O values (comma-separated)", subjectC: "Apache: accepted subject C values", subjectOU: "Apache: accepted subject OU values",
    schedule: "CRL refresh schedule (cron)", serverSerial: "Server certificate serial (optional: host name and IIS thumbprint)", apply: "Update recipes",
    copy: "Copy", copied: "Copied", thumbprint: "CA thumbprint (SHA-1)", publicUrl: "Public URL",
    blockInstall: "Install (once)", blockConfig: "Configuration", blockSyncScript: "CRL refresh script", blockCron: "Cron entry", blockCommands: "Commands", blockRevocation: "Applying a revocation at once", blockIdentity: "The application asks Inkan who the client is",
    serverNginx: "nginx", serverApache: "Apache httpd", serverIis: "IIS", serverAlb: "AWS Application Load Balancer",
  },
  common: { yes: "Yes", no: "No", confirm: "Confirm", cancel: "Cancel", working: "Working…", back: "Back", error: "Error" },
  forbidden: { title: "Not allowed", body: "Your role may not open this page. Ask an ADMIN if you need it.", home: "Back to the console" },
} as const;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof en>;

export const ja: Messages = {
  app: { name: "Inkan", tagline: "プライベート認証局 運用ポータル", ra: "RA（管理画面）", signOut: "ログアウト", language: "言語", skip: "本文へ移動" },
  nav: { dashboard: "ダッシュボード", accounts: "アカウント一覧", newAccount: "アカウント新規作成", authorities: "認証局一覧", tokens: "APIトークン", certificates: "証明書一覧", groups: "グループ", templates: "テンプレート", importAccounts: "アカウント一括登録 (CSV)", deploy: "デプロイ (AWS)", audit: "監査ログ", reports: "発行履歴レポート", alerts: "通知", admins: "管理者", applications: "登録申請書一覧", applicationsPending: "申請中 {count} 件" },
  login: {
    title: "RA（管理画面）へログイン", email: "メールアドレス", password: "パスワード", submit: "ログイン",
    invalid: "メールアドレスまたはパスワードが違います。", locked: "ログインの失敗が続いたため一時的にロックされています。15分後に再度お試しください。",
    disabled: "この管理者は無効化されています。", error: "ログインできませんでした。もう一度お試しください。",
    totp: "認証コード", totpHint: "二要素認証を設定している場合のみ：認証アプリに表示されている6桁の数字。",
    "totp-required": "認証アプリのコードも入力してください。", "totp-invalid": "認証コードが違うか、すでに使われています。いま表示されているコードを入力してください。",
  },
  setup: {
    title: "Inkan の初期設定", intro: "最初の管理者を作成します。セットアップトークンは Inkan 起動時にサーバのコンソールへ表示されています。",
    token: "セットアップトークン", email: "管理者のメールアドレス", password: "パスワード（12文字以上）", submit: "管理者を作成",
    done: "初期設定は完了しています。ログインしてください。",
  },
  dashboard: { title: "ダッシュボード", accounts: "アカウント", issued: "有効な証明書", revoked: "失効した証明書", crl: "失効リスト", crlNumber: "CRL番号", nextUpdate: "次回更新", recent: "最近の操作", none: "まだありません。" },
  accounts: {
    title: "アカウント一覧", search: "ユーザID・名前・メール・ホスト名で検索", searchButton: "検索", empty: "アカウントはまだありません。最初のアカウントを作成してください。",
    noMatch: "該当するアカウントはありません。", next: "次のページ", first: "最初のページ",
    kind: "種別", user: "ユーザ", server: "サーバ", name: "ユーザID / サーバ名", displayName: "表示名", email: "メールアドレス",
    status: "ステータス", active: "有効", disabled: "無効", created: "登録日時", hostnames: "ホスト名", hostnamesHelp: "1行に1つ、またはカンマ区切り。証明書の DNS 名になります。",
    uaPassword: "UA パスワード", uaPasswordHelp: "利用者が UA（申込局）でログインする際のパスワード（8文字以上、任意）。",
    create: "アカウントを作成", createTitle: "アカウント新規作成", created_ok: "アカウントを作成しました。",
  },
  account: {
    info: "アカウント情報", attributes: "属性", history: "証明書発行の履歴", noCertificates: "証明書は発行されていません。",
    serial: "シリアル", start: "開始", expiry: "有効期限", status: "ステータス", revokedAt: "失効日", keyType: "暗号種別",
    issue: "証明書発行", issueServerKey: "サーバで鍵を生成 → PKCS#12", issueServerKeyHelp: "Inkan が鍵を生成して証明書に署名し、入力したパスワードで保護した PKCS#12 をダウンロードできます。",
    keyAlgorithm: "鍵アルゴリズム", p12Password: "PKCS#12 パスワード", p12PasswordConfirm: "パスワード（確認）", encryption: "暗号方式",
    legacy: "互換（3DES / SHA-1 MAC：iOS、macOS、古い Windows）", aes256: "AES-256（新しい端末向け）", issueAndDownload: "発行して .p12 をダウンロード",
    passwordsDiffer: "パスワードが一致しません。", issued: "証明書を発行しました。",
    issueCsr: "CSR から発行", csrFile: "CSR ファイル（PEM または DER）", confirmCsr: "CSR ファイルの内容を確認する", issueCsrButton: "発行", confirmIssue: "この内容で発行する",
    csrSubject: "要求されたサブジェクト", csrKey: "鍵", csrExtensions: "要求された拡張", csrSignature: "署名", csrSignatureOk: "正しい", csrIgnored: "証明書には反映しない項目",
    cancel: "キャンセル", none: "なし",
  },
  certificate: {
    title: "証明書詳細", subject: "サブジェクト", issuer: "発行者（CA）", account: "アカウント", sans: "サブジェクト代替名", source: "発行方法",
    keygen: "サーバで鍵生成", csr: "CSR", validity: "有効期間", downloads: "証明書ファイル", pem: "PEM", der: "DER", chain: "チェーン（PEM）",
    pkcs12: "PKCS#12", downloadP12: ".p12 をダウンロード", revoke: "失効", reason: "失効理由", revokeConfirm: "この証明書を失効させますか？元に戻せません。失効リストは直ちに再発行されます。",
    revoked: "失効", issued: "有効", revokedOk: "証明書を失効させ、失効リストを再発行しました。", activity: "操作履歴",
  },
  authorities: { title: "認証局一覧", subject: "サブジェクト", key: "鍵", crl: "現在の失効リスト", download: "ダウンロード", publish: "失効リストを今すぐ発行", published: "失効リストを発行しました。", entries: "失効エントリ数" },
  tokens: { title: "APIトークン", name: "名前", role: "ロール", create: "トークンを作成", createdOnce: "トークンを今コピーしてください。表示はこの一度だけです。", revoke: "無効化", revokeConfirm: "このトークンを無効化しますか？利用中のスクリプトは動かなくなります。", lastUsed: "最終利用", none: "APIトークンはまだありません。", revokedLabel: "無効" },
  mtls: {
    nav: "クライアント証明書の確認", toolTitle: "このクライアントは誰か",
    toolIntro: "ロードバランサーがアプリケーションへ渡した X-Amzn-Mtls-Clientcert-* ヘッダ（そのまま、デモページの表示、または JSON）、nginx や Apache の X-SSL-Client-Cert ヘッダ、または PEM 形式の証明書を貼り付けてください。リーフ証明書とヘッダの一致を確かめ、アカウントと証明書の現在の状態を表示します。",
    paste: "ヘッダまたは証明書", identify: "確認", result: "結果", status: "状態", explanation: "詳細",
    statusValid: "有効", statusRevoked: "失効", statusExpired: "期限切れ", statusNotYetValid: "有効期間前", statusUnknown: "Inkan に記録なし", statusForeign: "他の認証局が発行",
    presented: "提示された証明書", source: "受け取った形式", sourceAlbVerify: "ALB ヘッダ（検証モード）", sourceAlbPassthrough: "ALB ヘッダ（パススルーモード）", sourcePem: "PEM",
    account: "アカウント", authority: "認証局", certificate: "Inkan の証明書", accountDisabled: "（アカウント無効）", checkedAt: "確認日時",
    recipes: "サーバ設定例", recipesTitle: "サーバ設定例", recipesIntro: "この認証局のクライアント証明書だけを受け付けるための Web サーバ・ロードバランサーの設定と、失効リストを最新に保つ設定です。そのままコピーして使えます。",
    options: "オプション", verify: "クライアント証明書", verifyRequired: "必須：有効な証明書がなければアクセス不可", verifyOptional: "任意：アプリケーションが判断",
    depth: "検証の深さ（空欄：自動）", serverName: "ホスト名", listen: "待ち受け（ポートまたは アドレス:ポート）", upstream: "アプリケーションの URL", directory: "CA 証明書と失効リストを置くディレクトリ（空欄：サーバごとの既定）",
    subjectO: "Apache：受け付けるサブジェクトの O（カンマ区切り）", subjectC: "Apache：受け付けるサブジェクトの C", subjectOU: "Apache：受け付けるサブジェクトの OU",
    schedule: "失効リストの更新スケジュール（cron）", serverSerial: "サーバ証明書のシリアル（任意：ホスト名と IIS の拇印に使用）", apply: "設定例を更新",
    copy: "コピー", copied: "コピーしました", thumbprint: "CA 証明書の拇印（SHA-1）", publicUrl: "公開 URL",
    blockInstall: "導入（初回のみ）", blockConfig: "設定", blockSyncScript: "失効リスト更新スクリプト", blockCron: "cron の設定", blockCommands: "コマンド", blockRevocation: "失効を直ちに反映する", blockIdentity: "アプリケーションから Inkan へ利用者を問い合わせる",
    serverNginx: "nginx", serverApache: "Apache httpd", serverIis: "IIS", serverAlb: "AWS Application Load Balancer",
  },
  common: { yes: "はい", no: "いいえ", confirm: "確認", cancel: "キャンセル", working: "処理中…", back: "戻る", error: "エラー" },
  forbidden: { title: "権限がありません", body: "あなたのロールではこのページを開けません。必要な場合は ADMIN に依頼してください。", home: "管理画面へ戻る" },
};

export type Locale = "ja" | "en";
export const LOCALES: readonly Locale[] = ["ja", "en"];
export const MESSAGES: Record<Locale, Messages> = { en, ja };
