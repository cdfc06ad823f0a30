// Text of the Deploy page (/ra/deploy) and the ACM export panel, in English and Japanese (the
// seed's AWS console words). Both languages define every key: checked by the type and messages.test.ts.
export const en = {
  title: "Deploy to AWS",
  intro: "Inkan keeps AWS Application Load Balancer trust stores supplied with the CA bundle and the current CRL, and imports server certificates into ACM.",
  targets: "Deploy targets", none: "No deploy target yet. Add one below.",
  name: "Name", region: "Region", bucket: "S3 bucket", keyPrefix: "Key prefix", cas: "CAs in the bundle", trustStore: "Trust store",
  trustStoreArn: "Existing trust store ARN", trustStoreName: "Or: name of the trust store to create",
  trustStoreHelp: "Give the ARN of a trust store you created, or a name (up to 32 letters, digits and hyphens) and Inkan creates it on the first deploy.",
  credentials: "AWS credentials", credentialsDefault: "Default provider chain (environment, shared config, instance role)", credentialsStored: "Access key stored encrypted in Inkan",
  accessKeyId: "Access key ID", secretAccessKey: "Secret access key", secretHelp: "Stored sealed with the master key; never shown again.",
  endpoints: "Endpoint overrides (optional)", endpointsHelp: "For S3-compatible stores and tests. Leave empty for AWS.",
  s3Endpoint: "S3 endpoint", elbv2Endpoint: "ELBv2 endpoint", acmEndpoint: "ACM endpoint",
  add: "Add target", added: "Target added.", lastSuccess: "Last success", never: "never", open: "Open",
  status: "Trust store status", notCreated: "The trust store does not exist yet; the first deploy creates it.", statusError: "AWS could not be asked: {error}",
  storeState: "Status", caCount: "CA certificates", revokedEntries: "Revoked entries (total)", revocationLists: "Revocation lists", revocationId: "RevocationId", entries: "Entries", owner: "Added by", ownerInkan: "Inkan", ownerOther: "someone else (never removed by Inkan)",
  deployNow: "Deploy now", dryRun: "Dry run", deploying: "Deploying…", planning: "Planning…",
  plan: "Dry run result (nothing was changed)", bundleChanged: "CA bundle differs and would be uploaded", bundleSame: "CA bundle is up to date", storeWouldBeCreated: "The trust store would be created",
  crlToAdd: "CRL {number} of {ca} ({entries} entries) would be added", crlCurrent: "CRL {number} of {ca} is already in the trust store",
  idsToRemove: "RevocationIds that would be removed: {ids}", nothingToRemove: "No RevocationId would be removed", quotaProblem: "The deploy would be refused: {message}",
  runSucceeded: "Deploy succeeded.", runFailed: "Deploy failed: {code}: {message}",
  policy: "IAM policy (least privilege)", policyHelp: "Attach this policy to the IAM user or role whose credentials Inkan uses. The statement InkanAcmImport lets Inkan import server certificates into ACM through this target; remove it if you never do.", copy: "Copy", copied: "Copied",
  history: "Run history", noRuns: "No run yet.", when: "Started", trigger: "Trigger", who: "By", added_: "Added", removed: "Removed", duration: "Duration", outcome: "Outcome", error: "AWS error",
  retry: "Retry", retryConfirm: "Run this deploy again? It resumes where the failed run stopped.", older: "Older runs", newer: "Newest runs",
  triggers: { MANUAL: "manual", SCHEDULE: "schedule", REVOCATION: "after revocation", CLI: "CLI", RETRY: "retry" },
  outcomes: { RUNNING: "running", SUCCEEDED: "succeeded", FAILED: "failed" },
  edit: {
    title: "Edit target {name}", open: "Edit target", save: "Save changes",
    nameFixed: "The name stays: the page's address, the CLI's --target and the audit log use it.",
    storeManaged: "Inkan manages this trust store: its CA bundle and the RevocationIds in the history belong to it, so it cannot be changed here (a new ARN would leave Inkan's revocation lists behind in the old store, no longer refreshed). To use another trust store, add a new target.",
    storeEditable: "Inkan has not written to this trust store yet, so you may still correct the ARN or the name.",
    secretKeep: "A secret access key is stored. Leave this empty to keep it, or type a new one to replace it (a new access key ID needs its secret).",
    defaultDropsKey: "Saving with the default provider chain deletes the stored access key.",
    delete: "Delete target",
    deleteConfirm: "Delete deploy target {name}? Inkan stops managing trust store {store}: no more deploys, scheduled CRL refreshes or ACM imports through this target. Nothing is deleted in AWS: the trust store, its CA bundle, the revocation lists Inkan added (RevocationIds: {ids}) and the files under s3://{bucket}/{prefix} stay, and their CRLs are no longer refreshed. The run history of this target is deleted with it; the audit log keeps every run and this deletion.",
    noIds: "none",
  },
  bundle: "CA bundle", bundleCreated: "CreateTrustStore, CA certificates: {count}", bundleModified: "ModifyTrustStore, CA certificates: {count}",
  acm: {
    title: "AWS Certificate Manager", intro: "Send this server certificate, its private key and the chain to ACM, or download them as PEM for a manual import.",
    target: "Deploy target (account, region)", import: "Import into ACM", imported: "Imported as {arn}.", reimported: "Re-imported into {arn}.", noTargets: "Add a deploy target first (RA → Deploy).",
    exportTitle: "Download for ACM", password: "Your password (to confirm the export)", export: "Show the PEM files", certificate: "Certificate body", privateKey: "Certificate private key", chain: "Certificate chain",
    download: "Download", keyWarning: "The private key is unencrypted. Keep the file safe and delete it after the import.",
  },
};

export type DeployMessages = typeof en;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const ja: Shape<DeployMessages> = {
  title: "AWS への配備",
  intro: "Inkan は AWS Application Load Balancer のトラストストアに認証局バンドルと最新の失効リストを登録し続け、サーバ証明書を ACM にインポートします。",
  targets: "配備先", none: "配備先はまだありません。下で追加してください。",
  name: "名前", region: "リージョン", bucket: "S3 バケット", keyPrefix: "キーのプレフィックス (ディレクトリ)", cas: "認証局バンドルに含める CA", trustStore: "トラストストア",
  trustStoreArn: "既存のトラストストア ARN", trustStoreName: "または: 作成するトラストストアの名前",
  trustStoreHelp: "作成済みのトラストストアの ARN か、名前 (ハイフンを含む最大 32 文字の英数字) を入力します。名前の場合は最初の配備で Inkan が作成します。",
  credentials: "AWS 認証情報", credentialsDefault: "デフォルトの認証情報チェーン (環境変数、共有設定、インスタンスロール)", credentialsStored: "Inkan に暗号化して保存するアクセスキー",
  accessKeyId: "アクセスキー ID", secretAccessKey: "シークレットアクセスキー", secretHelp: "マスターキーで暗号化して保存し、二度と表示しません。",
  endpoints: "エンドポイントの上書き (任意)", endpointsHelp: "S3 互換ストレージやテスト用です。AWS では空欄にします。",
  s3Endpoint: "S3 エンドポイント", elbv2Endpoint: "ELBv2 エンドポイント", acmEndpoint: "ACM エンドポイント",
  add: "配備先を追加", added: "配備先を追加しました。", lastSuccess: "最終成功", never: "なし", open: "開く",
  status: "トラストストアの状態", notCreated: "トラストストアはまだありません。最初の配備で作成されます。", statusError: "AWS に問い合わせできませんでした: {error}",
  storeState: "ステータス", caCount: "CA 証明書数", revokedEntries: "失効エントリ数 (合計)", revocationLists: "失効リスト", revocationId: "RevocationId", entries: "エントリ数", owner: "登録元", ownerInkan: "Inkan", ownerOther: "Inkan 以外 (Inkan は削除しません)",
  deployNow: "今すぐ配備", dryRun: "ドライラン", deploying: "配備中…", planning: "確認中…",
  plan: "ドライランの結果 (何も変更していません)", bundleChanged: "認証局バンドルが異なるためアップロードします", bundleSame: "認証局バンドルは最新です", storeWouldBeCreated: "トラストストアを作成します",
  crlToAdd: "{ca} の失効リスト {number} ({entries} 件) を追加します", crlCurrent: "{ca} の失効リスト {number} は登録済みです",
  idsToRemove: "削除する RevocationId: {ids}", nothingToRemove: "削除する RevocationId はありません", quotaProblem: "この配備は拒否されます: {message}",
  runSucceeded: "配備に成功しました。", runFailed: "配備に失敗しました: {code}: {message}",
  policy: "IAM ポリシー (最小権限)", policyHelp: "Inkan が使う IAM ユーザーまたはロールにこのポリシーを付与します。ステートメント InkanAcmImport は、この配備先を通じてサーバ証明書を ACM にインポートするためのものです。ACM を使わない場合は削除できます。", copy: "コピー", copied: "コピーしました",
  history: "実行履歴", noRuns: "まだ実行していません。", when: "開始", trigger: "契機", who: "実行者", added_: "追加", removed: "削除", duration: "所要時間", outcome: "結果", error: "AWS エラー",
  retry: "再実行", retryConfirm: "この配備をもう一度実行しますか? 失敗した時点から再開します。", older: "以前の実行", newer: "最新の実行",
  triggers: { MANUAL: "手動", SCHEDULE: "定期", REVOCATION: "失効後", CLI: "CLI", RETRY: "再実行" },
  outcomes: { RUNNING: "実行中", SUCCEEDED: "成功", FAILED: "失敗" },
  edit: {
    title: "配備先 {name} の編集", open: "配備先を編集", save: "変更を保存",
    nameFixed: "名前は変更できません。ページのアドレス、CLI の --target、監査ログで使われています。",
    storeManaged: "このトラストストアは Inkan が管理しています。認証局バンドルと実行履歴の RevocationId はこのトラストストアのものなので、ここでは変更できません (別の ARN にすると、Inkan が登録した失効リストが古いトラストストアに更新されないまま残ります)。別のトラストストアを使うには、新しい配備先を追加してください。",
    storeEditable: "Inkan はまだこのトラストストアに書き込んでいないため、ARN や名前を修正できます。",
    secretKeep: "シークレットアクセスキーが保存されています。空欄のままにすると保持し、新しいキーを入力すると置き換えます (新しいアクセスキー ID にはそのシークレットが必要です)。",
    defaultDropsKey: "デフォルトの認証情報チェーンで保存すると、保存済みのアクセスキーを削除します。",
    delete: "配備先を削除",
    deleteConfirm: "配備先 {name} を削除しますか? Inkan はトラストストア {store} の管理をやめ、この配備先による配備、失効リストの定期更新、ACM へのインポートを行わなくなります。AWS 上では何も削除しません。トラストストア、認証局バンドル、Inkan が登録した失効リスト (RevocationId: {ids})、s3://{bucket}/{prefix} 以下のファイルは残り、失効リストは更新されなくなります。この配備先の実行履歴は削除されますが、監査ログにはすべての実行とこの削除が残ります。",
    noIds: "なし",
  },
  bundle: "認証局バンドル", bundleCreated: "CreateTrustStore、CA 証明書: {count} 件", bundleModified: "ModifyTrustStore、CA 証明書: {count} 件",
  acm: {
    title: "AWS Certificate Manager (ACM)", intro: "このサーバ証明書、秘密鍵、証明書チェーンを ACM に登録するか、手動でインポートするために PEM 形式でダウンロードします。",
    target: "配備先 (アカウント、リージョン)", import: "ACM にインポート", imported: "{arn} としてインポートしました。", reimported: "{arn} に再インポートしました。", noTargets: "先に配備先を追加してください (RA → 配備)。",
    exportTitle: "ACM 用にダウンロード", password: "あなたのパスワード (エクスポートの確認)", export: "PEM ファイルを表示", certificate: "証明書本文", privateKey: "証明書のプライベートキー", chain: "証明書チェーン",
    download: "ダウンロード", keyWarning: "秘密鍵は暗号化されていません。ファイルは安全に保管し、インポート後に削除してください。",
  },
};

export const DEPLOY_MESSAGES = { en, ja } as const;

export { fill } from "@/lib/i18n/fill";
