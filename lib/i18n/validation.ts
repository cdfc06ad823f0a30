import { InkanError, type FieldError, type LocalizedText } from "@/lib/errors";
import { KEY_ALGORITHMS } from "@/lib/pki";
import { REVOCATION_REASONS } from "@/lib/ca/schema";

// The zod schemas are shared with the browser and give their messages in English; the
// server turns each into both languages here. A message missing from the table stays
// English in both (zod's own fallbacks, e.g. "Invalid input").
const JA: Record<string, string> = {
  // accounts
  "Host names use letters, digits, hyphens and dots (e.g. www.example.local).": "ホスト名には英数字、ハイフン、ドットを使います(例: www.example.local)。",
  "Enter the account's user ID or server name.": "アカウントのユーザIDまたはサーバ名を入力してください。",
  "Use at most 128 characters.": "128文字以内で入力してください。",
  "Use letters, digits and . _ @ - only (it becomes part of URLs and certificate subjects).": "英数字と . _ @ - だけを使ってください(URLや証明書のサブジェクトの一部になります)。",
  "Use at most 200 characters for the display name.": "表示名は200文字以内で入力してください。",
  "Enter a valid e-mail address.": "正しいメールアドレスを入力してください。",
  "The UA password needs at least 8 characters.": "UAパスワードは8文字以上にしてください。",
  "A server account needs at least one host name.": "サーバアカウントにはホスト名が少なくとも1つ必要です。",
  "Only server accounts carry host names.": "ホスト名を持てるのはサーバアカウントだけです。",
  "Use at most 100 host names.": "ホスト名は100個までです。",
  "Only user accounts sign in at a UA; server accounts have no UA password.": "UAにログインするのはユーザアカウントだけです。サーバアカウントにUAパスワードはありません。",
  'Say what happens to the account\'s certificates: "revoke" (reason cessationOfOperation) or "keep" (they stay valid and listed).':
    'アカウントの証明書をどうするか指定してください: "revoke"(理由 cessationOfOperation で失効)または "keep"(有効なまま残す)。',
  // enrollment (UA)
  "A UA name is 1-63 lowercase letters, digits or hyphens; it becomes the URL /<name>/ua.": "UA名は英小文字・数字・ハイフンで1〜63文字です。URL /<名前>/ua になります。",
  "This name is used by Inkan itself; pick another.": "この名前は Inkan 自身が使っています。別の名前を選んでください。",
  "Choose the CA this UA issues from.": "このUAが発行に使う認証局を選んでください。",
  "Whole minutes only.": "分は整数で入力してください。",
  "At most one year (525600 minutes).": "最大1年(525600分)です。",
  "The profile name is required (it is shown on the device).": "プロファイル名は必須です(端末に表示されます)。",
  "The identifier is required, in reverse-DNS form like com.example.profile.": "識別子は必須です。com.example.profile のような逆DNS形式で入力してください。",
  "At least one attempt.": "1回以上にしてください。",
  "At least one minute.": "1分以上にしてください。",
  "At most one week.": "最大1週間です。",
  // templates
  "Use at most 20 values per attribute.": "1つの属性に指定できる値は20個までです。",
  "Enter the template's name.": "テンプレートの名前を入力してください。",
  "Use at most 100 characters.": "100文字以内で入力してください。",
  "Choose client or server certificates.": "クライアント証明書かサーバ証明書かを選んでください。",
  "Enter the validity in days.": "有効期間を日数で入力してください。",
  "Enter whole days.": "日数は整数で入力してください。",
  "The validity is at least 1 day.": "有効期間は1日以上です。",
  "The validity is at most 3650 days (10 years).": "有効期間は最大3650日(10年)です。",
  "Unknown key usage.": "不明な鍵用途です。",
  "Use a named extended key usage or a dotted OID.": "名前付きの拡張鍵用途か、ドット区切りのOIDを使ってください。",
  "Enter a number (0 = no limit).": "数値を入力してください(0 = 制限なし)。",
  "Enter a whole number.": "整数を入力してください。",
  "Use 0 for no limit.": "制限しない場合は0にしてください。",
  "Use at most 1000 (or 0 for no limit).": "最大1000です(制限しない場合は0)。",
  // groups
  "Enter the group's name.": "グループの名前を入力してください。",
  "Choose user group or role group.": "ユーザグループかロールグループかを選んでください。",
  "Use at most 500 characters.": "500文字以内で入力してください。",
  "Enter the user ID or server name of the account to add.": "追加するアカウントのユーザIDまたはサーバ名を入力してください。",
  // audit log and reports filters
  "Not a date and time (use YYYY-MM-DDTHH:mm).": "日時ではありません(YYYY-MM-DDTHH:mm の形式で入力してください)。",
  "The outcome is SUCCESS or FAILURE.": "結果は SUCCESS か FAILURE です。",
  "The start of the time range is after its end.": "期間の開始が終了より後です。",
  "Not a date (use YYYY-MM-DD).": "日付ではありません(YYYY-MM-DD の形式で入力してください)。",
  "The period is day, week or month.": "単位は day、week、month のいずれかです。",
  // alerts
  "At most 50 administrator addresses.": "管理者のアドレスは50件までです。",
  "Enter the SMTP server to send e-mail through.": "メール送信に使うSMTPサーバを入力してください。",
  "Enter the address alerts are sent from.": "アラートの送信元アドレスを入力してください。",
  "Enter the address to send the test e-mail to, like you@example.com.": "テストメールの送信先アドレスを入力してください(例: you@example.com)。",
  "Enter the webhook URL to POST alerts to.": "アラートを POST する Webhook のURLを入力してください。",
  "Put no credentials in the webhook URL; the signature authenticates Inkan.": "Webhook のURLに認証情報を含めないでください。Inkan は署名で認証されます。",
  "The SMTP server is a host name or an IP address, like smtp.example.com.": "SMTPサーバはホスト名かIPアドレスです(例: smtp.example.com)。",
  "The URL is at most 2048 characters.": "URLは2048文字以内です。",
  "The address is too long.": "アドレスが長すぎます。",
  "The from address must be an e-mail address like inkan@example.com.": "送信元アドレスは inkan@example.com のようなメールアドレスにしてください。",
  "The host name is at most 253 characters.": "ホスト名は253文字以内です。",
  "The port is 1-65535.": "ポートは 1〜65535 です。",
  "The port is a whole number.": "ポートは整数です。",
  "The signing secret needs at least 16 characters.": "署名用シークレットは16文字以上にしてください。",
  "The webhook URL must start with https:// or http://.": "Webhook のURLは https:// か http:// で始めてください。",
  // mTLS tools
  "The leafPem field is empty.": "leafPem が空です。",
  "Use an absolute path of letters, digits and . _ - / only.": "英数字と . _ - / だけの絶対パスを使ってください。",
  "The verify depth is 1 to 9.": "検証の深さは 1〜9 です。",
  "Use a host name such as www.example.local.": "www.example.local のようなホスト名を使ってください。",
  "Use the application's URL, like http://127.0.0.1:8080.": "http://127.0.0.1:8080 のようなアプリケーションのURLを使ってください。",
  "Organization values may not contain quotes, backslashes or line breaks.": "組織(O)の値に引用符、バックスラッシュ、改行は使えません。",
  "Country values are two-letter codes like JP.": "国(C)の値は JP のような2文字のコードです。",
  "Organizational unit values may not contain quotes, backslashes or line breaks.": "部署(OU)の値に引用符、バックスラッシュ、改行は使えません。",
  "Use five cron fields, like 17 * * * *.": "17 * * * * のように cron の5つの項目で指定してください。",
  "A serial is hex digits.": "シリアル番号は16進数です。",
  // certificates (lib/ca/schema.ts)
  [`Choose one of ${KEY_ALGORITHMS.join(", ")}.`]: `${KEY_ALGORITHMS.join("、")} のいずれかを選んでください。`,
  [`Use an RFC 5280 reason: ${REVOCATION_REASONS.join(", ")}.`]: `RFC 5280 の失効理由を指定してください: ${REVOCATION_REASONS.join("、")}。`,
  "A serial is up to 40 hex digits (colons allowed).": "シリアル番号は40桁までの16進数です(コロン区切り可)。",
  "The PKCS#12 password needs at least 8 characters.": "PKCS#12 のパスワードは8文字以上にしてください。",
  "The PKCS#12 password may have at most 128 characters.": "PKCS#12 のパスワードは128文字以内にしてください。",
  "Use printable ASCII characters only: some devices cannot import PKCS#12 files with other characters in the password.":
    "表示可能な ASCII 文字だけを使ってください。それ以外の文字をパスワードに含む PKCS#12 ファイルを読み込めない端末があります。",
  // registration applications, bulk issuance, certificate search, UA application groups
  "Write why the application is rejected (the reason is kept with it).": "申請を却下する理由を書いてください(理由は申請と一緒に保存されます)。",
  "Use at most 1000 characters for the reason.": "理由は1000文字以内で入力してください。",
  "Say whether members that already hold a valid certificate are skipped (true or false).": "有効な証明書をすでに持つメンバーを飛ばすかどうかを指定してください(true または false)。",
  "A search term has at most 256 characters.": "検索語は256文字以内です。",
  "Choose at most 50 groups.": "グループは50個まで選べます。",
  "sort is issued or expiry.": "sort は issued か expiry です。",
  "status is one of valid, expired, revoked.": "status は valid、expired、revoked のいずれかです。",
  "limit is at most 200.": "limit は200以下です。",
  "expiresAfter is a date such as 2026-12-31 (or a full ISO 8601 time).": "expiresAfter は 2026-12-31 のような日付(または ISO 8601 の日時)です。",
  "expiresBefore is a date such as 2026-12-31 (or a full ISO 8601 time).": "expiresBefore は 2026-12-31 のような日付(または ISO 8601 の日時)です。",
  // deploy targets
  "A trust store name is 1–32 letters, digits and hyphens, not starting or ending with a hyphen.": "トラストストア名は英数字とハイフンで1〜32文字です(先頭と末尾はハイフン以外)。",
  "An endpoint override is a URL such as https://s3.example.com.": "エンドポイントの上書きは https://s3.example.com のようなURLです。",
  "A region looks like ap-northeast-1.": "リージョンは ap-northeast-1 のような形式です。",
  "An S3 bucket name is 3–63 lowercase letters, digits, dots and hyphens.": "S3 バケット名は英小文字・数字・ドット・ハイフンで3〜63文字です。",
  "The key prefix is at most 200 characters.": "キーのプレフィックスは200文字以内です。",
  "The key prefix may contain letters, digits and !_.*'()/- only.": "キーのプレフィックスに使えるのは英数字と !_.*'()/- だけです。",
  "Choose at least one CA for the bundle.": "バンドルに入れる認証局を少なくとも1つ選んでください。",
  "At most 25 CAs fit in an ALB trust store bundle.": "ALB のトラストストアのバンドルに入る認証局は25個までです。",
  "A trust store ARN looks like arn:aws:elasticloadbalancing:REGION:ACCOUNT:truststore/NAME/ID.": "トラストストアの ARN は arn:aws:elasticloadbalancing:REGION:ACCOUNT:truststore/NAME/ID の形式です。",
  "An access key ID is 16–128 uppercase letters and digits.": "アクセスキー ID は英大文字と数字で16〜128文字です。",
  "The secret access key is at least 16 characters.": "シークレットアクセスキーは16文字以上です。",
  "Give an existing trust store ARN, or a name for the trust store Inkan creates.": "既存のトラストストアの ARN か、Inkan が作成するトラストストアの名前を指定してください。",
  "Give either a trust store ARN or a name to create one, not both.": "トラストストアの ARN と作成する名前は、どちらか一方だけを指定してください。",
  "A target name is lowercase letters, digits and hyphens (at most 63).": "デプロイ先の名前は英小文字・数字・ハイフンで63文字までです。",
  "A stored access key needs both the access key ID and the secret access key.": "保存するアクセスキーには、アクセスキー ID とシークレットアクセスキーの両方が必要です。",
  "A stored access key needs its access key ID.": "保存するアクセスキーにはアクセスキー ID が必要です。",
  // auth
  "Choose a role: ADMIN, OPERATOR or AUDITOR.": "ロールを選んでください: ADMIN、OPERATOR、AUDITOR のいずれかです。",
  "Enter your name as other administrators should see it.": "ほかの管理者に表示される名前を入力してください。",
  "Use at most 200 characters for the name.": "名前は200文字以内で入力してください。",
  "The two passwords differ: type the same password twice.": "2つのパスワードが一致しません。同じパスワードを2回入力してください。",
  "Use at least 12 characters.": "12文字以上にしてください。",
  "Use at most 256 characters.": "256文字以内にしてください。",
  "Name the token.": "トークンの名前を入力してください。",
  "Enter the setup token printed on the server console.": "サーバのコンソールに表示されたセットアップトークンを入力してください。",
  "Type your current password.": "現在のパスワードを入力してください。",
  "Type the 6-digit code your authenticator app shows.": "認証アプリに表示されている6桁のコードを入力してください。",
};

/** A schema message in both languages. */
export function issueText(message: string): LocalizedText {
  return { en: message, ja: JA[message] ?? message };
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

/** zod issues as field errors (`details.errors`), each message in both languages. */
export function fieldErrors(issues: readonly Issue[]): FieldError[] {
  return issues.filter((i) => i.path.length > 0).map((i) => ({ field: i.path.map(String).join("."), message: issueText(i.message) }));
}

/** `details` for the issues: field errors when any issue names a field. */
function detailsOf(issues: readonly Issue[]): { errors: FieldError[] } | undefined {
  const errors = fieldErrors(issues);
  return errors.length > 0 ? { errors } : undefined;
}

/** A VALIDATION error for zod issues: every message joined, and the field errors beside it. */
export function validationError(issues: readonly Issue[]): InkanError {
  const texts = issues.map((i) => issueText(i.message));
  return new InkanError("VALIDATION", { en: texts.map((t) => t.en).join(" "), ja: texts.map((t) => t.ja).join(" ") }, detailsOf(issues));
}

/** A VALIDATION error carrying only the first issue's message (forms with one input). */
export function firstIssueError(issues: readonly Issue[]): InkanError {
  return new InkanError("VALIDATION", issueText(issues[0]?.message ?? "Invalid input."), detailsOf(issues));
}
