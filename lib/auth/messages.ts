// Text of the administrators page (/ra/admins) and the Security page (/ra/security), in
// English and Japanese. Both languages define every key (checked by the type).
export const en = {
  admins: {
    title: "Administrators", intro: "ADMIN: everything. OPERATOR: accounts, groups and certificates; not administrators, CAs or deploy settings. AUDITOR: read-only everywhere, plus the audit log.",
    email: "E-mail", name: "Name", role: "Role", status: "Status", totp: "Two-factor", created: "Created",
    active: "Active", disabled: "Disabled", enrolled: "Set up", notEnrolled: "Not set up", required: "required",
    create: "Add administrator", initialPassword: "Initial password (12+ characters; tell it to them out of band)", created1: "Administrator added.",
    save: "Save", saved: "Saved.", disable: "Disable", enable: "Enable", disableConfirm: "Disable this administrator? They are signed out of every action at once.",
    resetPassword: "Set new password", newPassword: "New password", resetPasswordConfirm: "Set this password for the administrator?", passwordReset: "Password set.",
    requireTotp: "Require two-factor", resetTotp: "Reset two-factor", resetTotpConfirm: "Remove this administrator's authenticator? They must set it up again (for example after losing their phone).",
    policy: "Sign-in policy", policyRequireTotp: "Require two-factor sign-in (TOTP) for every administrator", policySaved: "Sign-in policy saved.",
    you: "you",
  },
  security: {
    title: "Security", intro: "Your password and two-factor sign-in.", pending: "Two-factor sign-in is required for your account. Set it up to continue.",
    password: "Change password", current: "Current password", next: "New password (12+ characters)", change: "Change password", changed: "Password changed.",
    totp: "Two-factor sign-in (authenticator app)", totpOn: "Two-factor sign-in is set up. To move it to a new phone, ask an ADMIN to reset it.",
    totpOff: "Not set up. Use an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, …).",
    start: "Set up two-factor sign-in", secret: "Secret key (type it into your app, or open the link on the phone)", uri: "Setup link",
    code: "Code shown by the app", confirm: "Confirm", enabled: "Two-factor sign-in is on. Next time, type the app's code when you sign in.",
    toConsole: "Go to the console",
  },
};

export type AuthMessages = typeof en;

export const ja: AuthMessages = {
  admins: {
    title: "管理者", intro: "ADMIN：すべての操作。OPERATOR：アカウント・グループ・証明書（管理者・認証局・デプロイ設定は不可）。AUDITOR：すべて閲覧のみ、および監査ログ。",
    email: "メールアドレス", name: "名前", role: "ロール", status: "状態", totp: "二要素認証", created: "作成日時",
    active: "有効", disabled: "無効", enrolled: "設定済み", notEnrolled: "未設定", required: "必須",
    create: "管理者を追加", initialPassword: "初期パスワード（12文字以上。別経路で本人に伝えてください）", created1: "管理者を追加しました。",
    save: "保存", saved: "保存しました。", disable: "無効化", enable: "有効化", disableConfirm: "この管理者を無効化しますか？すべての操作が直ちにできなくなります。",
    resetPassword: "新しいパスワードを設定", newPassword: "新しいパスワード", resetPasswordConfirm: "このパスワードを設定しますか？", passwordReset: "パスワードを設定しました。",
    requireTotp: "二要素認証を必須にする", resetTotp: "二要素認証をリセット", resetTotpConfirm: "この管理者の認証アプリ登録を削除しますか？（スマートフォン紛失時など）本人が再設定する必要があります。",
    policy: "ログインポリシー", policyRequireTotp: "すべての管理者に二要素認証（TOTP）を必須にする", policySaved: "ログインポリシーを保存しました。",
    you: "あなた",
  },
  security: {
    title: "セキュリティ", intro: "パスワードと二要素認証の設定。", pending: "このアカウントには二要素認証が必須です。設定してから続けてください。",
    password: "パスワード変更", current: "現在のパスワード", next: "新しいパスワード（12文字以上）", change: "パスワードを変更", changed: "パスワードを変更しました。",
    totp: "二要素認証（認証アプリ）", totpOn: "二要素認証は設定済みです。新しいスマートフォンへ移す場合は ADMIN にリセットを依頼してください。",
    totpOff: "未設定です。認証アプリ（Google Authenticator、Microsoft Authenticator、1Password など）を使います。",
    start: "二要素認証を設定する", secret: "シークレットキー（アプリに入力するか、スマートフォンでリンクを開きます）", uri: "設定用リンク",
    code: "アプリに表示されたコード", confirm: "確認", enabled: "二要素認証を有効にしました。次回からログイン時にアプリのコードを入力してください。",
    toConsole: "管理画面へ",
  },
};

export const AUTH_MESSAGES = { en, ja } as const;
