// Text of the alerts console page and of the alert mails, in English and Japanese. Both
// languages define every key (checked by the type and messages.test.ts). Mails carry both
// languages, Japanese first, because one mail goes to a user and to administrators alike.
export const en = {
  page: {
    title: "Alerts", intro: "Expiry warnings go out 60 and 30 days before a certificate expires and every day from 15 days before, once no more than a third of its lifetime is left. A CA's CRL alerts when less than a quarter of its validity is left.",
    settings: "Where alerts go", email: "E-mail (SMTP)", emailEnabled: "Send alerts by e-mail",
    smtpHost: "SMTP server", smtpPort: "Port", smtpSecure: "Implicit TLS (usually port 465; otherwise STARTTLS is used when the server offers it)",
    smtpUser: "User name (empty: no authentication)", smtpPassword: "Password", passwordSet: "A password is stored. Leave empty to keep it.",
    passwordUnset: "No password stored.", clearPassword: "Remove the stored password",
    fromAddress: "From address", adminRecipients: "Administrators' addresses (comma or line separated; empty: every active ADMIN)",
    webhook: "Webhook", webhookEnabled: "POST alerts to a webhook", webhookUrl: "Webhook URL (https:// or http://)",
    webhookSecret: "Signing secret (16+ characters)", secretSet: "A secret is stored. Leave empty to keep it.", secretUnset: "No secret stored.",
    webhookHelp: "Each POST carries X-Inkan-Timestamp and X-Inkan-Signature: sha256=<hex HMAC-SHA256 of \"<timestamp>.<body>\"> with this secret.",
    save: "Save", saved: "Saved.",
    testTitle: "Send a test e-mail", testTo: "Send to", testSend: "Send test e-mail", testSent: "The test e-mail was accepted by the SMTP server for {to}.",
    upcoming: "Upcoming expiry warnings (next 90 days)", noUpcoming: "No certificate is due a warning in the next 90 days.",
    sent: "Sent alerts", noSent: "No alert has been sent yet.", next: "Next page", first: "First page",
    when: "When", due: "Due", kind: "Kind", target: "Certificate / CA / target", account: "Account", expires: "Expires", daysLeft: "Days before expiry",
    status: "Status", channels: "Channels", attempts: "Attempts", error: "Last error",
    kindEXPIRY_WARNING: "Expiry warning", kindCRL_FRESHNESS: "CRL freshness", kindDEPLOY_FAILURE: "Deploy failure", kindDEPLOY_STALE_CRL: "Stale CRL in a trust store",
    statusSENT: "Sent", statusSENDING: "Sending", statusRETRY: "Will retry", statusDROPPED: "Not sent",
    channelEmail: "e-mail", channelWebhook: "webhook", channelNone: "none configured",
  },
  mail: {
    expirySubject: "Certificate expires in {days} days: {subject}",
    expiryBody: "The certificate of account {account} expires in {days} days.\n\n  Serial number: {serial}\n  Subject: {subject}\n  Issuing CA: {ca}\n  Expires: {notAfter}\n\nAfter that moment TLS connections and sign-ins with this certificate fail. Issue a new certificate before then and install it in place of this one; then revoke the old one.\nRA console: {url}",
    crlSubject: "The CRL of CA {ca} is about to expire",
    crlBody: "The CRL that CA {ca} serves has less than a quarter of its validity left.\n\n  CRL number: {number}\n  This update: {thisUpdate}\n  Next update: {nextUpdate}\n\nInkan republishes CRLs at half-life, so publishing is failing or the scheduler is stopped. After the next update IIS and other servers reject EVERY client certificate. Publish now (RA console or `npm run inkan -- crl publish --ca {ca}`), check the server log, and copy the CRL to servers that hold their own copy.\nRA console: {url}",
    deployFailureSubject: "Deploy failed: {target}",
    deployStaleSubject: "A trust store holds an old CRL: {target}",
    deployBody: "Deploy target: {target}\n\n{message}\n\nRA console: {url}",
    testSubject: "Test e-mail from Inkan",
    testBody: "This test e-mail was sent from the Inkan RA console by {admin}. Alerts and expiry warnings will arrive like this one.",
    footer: "This message was sent by Inkan, the private CA portal.",
  },
};

export type AlertMessages = typeof en;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const ja: Shape<AlertMessages> = {
  page: {
    title: "通知", intro: "証明書の有効期限の 60 日前・30 日前・15 日前から毎日、期限通知を送ります (残りの有効期間が全体の 1/3 以下になってから)。CA の CRL は有効期間の残りが 1/4 を切ると通知します。",
    settings: "通知先", email: "メール (SMTP)", emailEnabled: "メールで通知する",
    smtpHost: "SMTP サーバ", smtpPort: "ポート", smtpSecure: "暗黙の TLS (通常ポート 465。オフの場合、サーバが対応していれば STARTTLS を使います)",
    smtpUser: "ユーザ名 (空: 認証なし)", smtpPassword: "パスワード", passwordSet: "パスワードは保存済みです。変更しない場合は空のままにしてください。",
    passwordUnset: "パスワードは保存されていません。", clearPassword: "保存済みのパスワードを削除する",
    fromAddress: "送信元アドレス", adminRecipients: "管理者のアドレス (カンマまたは改行区切り。空: 有効な ADMIN 全員)",
    webhook: "Webhook", webhookEnabled: "Webhook に POST する", webhookUrl: "Webhook の URL (https:// または http://)",
    webhookSecret: "署名用シークレット (16 文字以上)", secretSet: "シークレットは保存済みです。変更しない場合は空のままにしてください。", secretUnset: "シークレットは保存されていません。",
    webhookHelp: "各 POST には X-Inkan-Timestamp と X-Inkan-Signature: sha256=<このシークレットによる \"<timestamp>.<body>\" の HMAC-SHA256 (16 進)> が付きます。",
    save: "保存", saved: "保存しました。",
    testTitle: "テストメールの送信", testTo: "宛先", testSend: "テストメールを送信", testSent: "テストメールは SMTP サーバに受け付けられました ({to})。",
    upcoming: "今後の期限通知 (90 日以内)", noUpcoming: "90 日以内に期限通知の対象となる証明書はありません。",
    sent: "送信済みの通知", noSent: "まだ通知は送信されていません。", next: "次のページ", first: "最初のページ",
    when: "日時", due: "予定日時", kind: "種類", target: "証明書 / CA / 対象", account: "アカウント", expires: "有効期限", daysLeft: "期限までの日数",
    status: "状態", channels: "送信先", attempts: "試行回数", error: "最後のエラー",
    kindEXPIRY_WARNING: "期限通知", kindCRL_FRESHNESS: "CRL の鮮度", kindDEPLOY_FAILURE: "デプロイの失敗", kindDEPLOY_STALE_CRL: "トラストストアの CRL が古い",
    statusSENT: "送信済み", statusSENDING: "送信中", statusRETRY: "再送予定", statusDROPPED: "未送信",
    channelEmail: "メール", channelWebhook: "Webhook", channelNone: "送信先未設定",
  },
  mail: {
    expirySubject: "証明書の有効期限まであと {days} 日: {subject}",
    expiryBody: "アカウント {account} の証明書の有効期限まであと {days} 日です。\n\n  シリアル番号: {serial}\n  サブジェクト: {subject}\n  発行局 (IA): {ca}\n  有効期限: {notAfter}\n\n期限を過ぎると、この証明書による TLS 接続やログインはできなくなります。期限までに新しい証明書を発行して入れ替え、古い証明書を失効してください。\nRA コンソール: {url}",
    crlSubject: "CA {ca} の CRL の有効期限が迫っています",
    crlBody: "CA {ca} が配布している CRL の有効期間の残りが 1/4 を切りました。\n\n  CRL 番号: {number}\n  発行日時: {thisUpdate}\n  次回更新予定: {nextUpdate}\n\nInkan は有効期間の半分で CRL を再発行するため、発行が失敗しているかスケジューラが止まっています。次回更新予定を過ぎると、IIS などのサーバはすべてのクライアント証明書を拒否します。今すぐ CRL を発行し (RA コンソールまたは `npm run inkan -- crl publish --ca {ca}`)、サーバログを確認し、CRL を自前で保持しているサーバにも配布してください。\nRA コンソール: {url}",
    deployFailureSubject: "デプロイに失敗しました: {target}",
    deployStaleSubject: "トラストストアの CRL が古いままです: {target}",
    deployBody: "デプロイ先: {target}\n\n{message}\n\nRA コンソール: {url}",
    testSubject: "Inkan からのテストメール",
    testBody: "このテストメールは {admin} が Inkan の RA コンソールから送信しました。通知や期限通知はこのように届きます。",
    footer: "このメールはプライベート CA ポータル Inkan から送信されました。",
  },
};

export const ALERT_MESSAGES = { en, ja } as const;

// The one placeholder helper lives with the enrollment texts; it belongs in lib/i18n one day.
export { fill } from "@/lib/i18n/fill";
