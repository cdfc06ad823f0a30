import type { PortalRefusal } from "./types";

// Text of the UA portal and the RA's UA settings, in English and Japanese (the seed's Gléas
// vocabulary). Both languages define every key: checked by the type and messages.test.ts.
export const en = {
  portal: {
    title: "Certificate enrollment", signInTitle: "Sign in", userId: "User ID", password: "Password", signIn: "Sign in", signOut: "Sign out",
    unknownUa: "There is no enrollment site at this address. Check the URL with your administrator.",
    invalid: "The user ID or password is wrong.", disabled: "This account is disabled. Ask your administrator.",
    locked: "Too many failed attempts. Sign-in is locked until {time}.", error: "Sign-in failed. Try again.",
    welcome: "Signed in as {user}", certificates: "Your certificates", none: "You have no certificate to import. Ask your administrator to issue one.",
    serial: "Serial", expiry: "Expiry", importCertificate: "Import certificate", download: "Download", downloaded: "Downloaded",
    alreadyImported: "Imported. This certificate cannot be imported again.", noKey: "This certificate's key is not held by the server; it cannot be delivered here.",
    notAllowed: "This site does not offer certificates for this device.", windowExpired: "Downloaded. The download period has ended.",
    revoked: "This certificate has been revoked; it cannot be delivered.",
    windowOpenUntil: "You can download again until {time}.",
    oneTimePassword: "Password for the certificate file (shown only once; write it down now):", protectedWithLogin: "The file is protected with your login password.",
    signedOut: "The certificate was delivered and you have been signed out. It cannot be imported again.", sessionExpired: "Your session has ended. Sign in again.",
    rootThumbprint: "Root certificate thumbprint (SHA-1)", rootThumbprintHelp: "If Windows warns that it will install a root certificate, compare this thumbprint with the one shown before you click Yes.",
    windowsSteps: "Windows: open the downloaded .p12 file. In the Certificate Import Wizard choose the store below, click Next, type the password, keep \"Automatically select the certificate store\", and finish.",
    storeUser: "Store location: Current User", storeMachine: "Store location: Local Machine (needs an administrator)",
    iphoneSteps: "iPhone / iPad: tap Download and allow it. Open Settings > General > VPN & Device Management, tap the downloaded profile and Install. Confirm the root certificate with Install, finish, then come back and sign out.",
    androidSteps: "Android (Chrome): open Settings > Security > Credential storage > Install from storage (newer Android: Encryption & credentials > Install a certificate > VPN & app user certificate) and choose the downloaded .p12. In \"Extract certificate\" type the password, then give the certificate a name you will recognise later (the suggested one may be random). Android asks you to set a screen lock (PIN) if the device has none: certificates require one. Sites that ask for a client certificate then show a picker: choose this one.",
    macSteps: "Mac (Safari): double-click the downloaded .p12 file. Keychain Access opens and asks for the password; the certificate is added to the \"login\" keychain under \"Certificates\" (an intermediate CA certificate needs no password). Safari then asks which certificate to use. Safari may remember that choice until the certificate is deleted in Keychain Access: after importing a new certificate, delete the old one.",
    layoutIphone: "iPhone layout", layoutDesktop: "Desktop layout",
  },
  settings: {
    title: "User agents (UA)", intro: "Each UA is an enrollment site at /<name>/ua, bound to one CA.", create: "Create UA", save: "Save", saved: "Saved.",
    name: "Name (URL: /<name>/ua)", ca: "Certificate authority", open: "Open the site", none: "No UA yet.",
    basic: "Basic settings", importToStore: "Import to the certificate store", store: "Certificate store", storeUser: "User store", storeMachine: "Machine store",
    importOnce: "Use import-once", downloadAllowed: "Allow download", downloadWindow: "Download period (minutes, 0 = unlimited)",
    selfEnroll: "Issue a certificate on the user's first visit (self-enrollment)", encryption: "PKCS#12 encryption", legacy: "Compatible (3DES / SHA-1 MAC)", aes256: "AES-256 (Windows only)",
    encryptionHint: "AES-256 applies to Windows downloads only. iPhone / iPad profiles, Mac and Android always get the compatible encryption, because Keychain Access and older Android versions cannot import AES-256 files.",
    lockThreshold: "Failed sign-ins before lock", lockMinutes: "Lock time (minutes)",
    iphone: "iPhone / iPad settings", iphoneUa: "Use the iPhone / iPad UA", iphoneLayout: "Use the iPhone layout", protect: "Protect the certificate with the login password",
    profile: "iPhone configuration profile", profileName: "Name (shown on the device)", profileIdentifier: "Identifier (e.g. com.example.profile)",
    profileOrganization: "Organisation of the profile", profileDescription: "Description",
    android: "Android settings", androidDownload: "Allow Android downloads", mac: "Mac settings", macDownload: "Allow Mac downloads",
    deliveries: "Deliveries", user: "User", serial: "Serial", first: "First delivery", windowEnds: "Window ends", locked: "Locked", count: "Count",
    reset: "Reset delivery lock", resetConfirm: "Let this user download the certificate again?", resetDone: "Delivery lock reset.", noDeliveries: "No deliveries yet.",
  },
};

export type EnrollmentMessages = typeof en;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const ja: Shape<EnrollmentMessages> = {
  portal: {
    title: "証明書の申込", signInTitle: "ログイン", userId: "ユーザID", password: "パスワード", signIn: "ログイン", signOut: "ログアウト",
    unknownUa: "このアドレスに申込局はありません。URL を管理者に確認してください。",
    invalid: "ユーザID またはパスワードが違います。", disabled: "このアカウントは無効です。管理者に連絡してください。",
    locked: "失敗が続いたため {time} までログインできません。", error: "ログインに失敗しました。もう一度お試しください。",
    welcome: "{user} でログイン中", certificates: "あなたの証明書", none: "インポートできる証明書がありません。管理者に発行を依頼してください。",
    serial: "シリアル", expiry: "有効期限", importCertificate: "証明書のインポート", download: "ダウンロード", downloaded: "ダウンロード済み",
    alreadyImported: "インポート済みです。この証明書は再度インポートできません。", noKey: "この証明書の秘密鍵はサーバにないため、ここからは配布できません。",
    notAllowed: "この申込局はこの端末への配布を許可していません。", windowExpired: "ダウンロード済み。ダウンロード可能時間を過ぎました。",
    revoked: "この証明書は失効しているため配布できません。",
    windowOpenUntil: "{time} まで再ダウンロードできます。",
    oneTimePassword: "証明書ファイルのパスワード (一度だけ表示されます。今控えてください):", protectedWithLogin: "ファイルはログインパスワードで保護されています。",
    signedOut: "証明書を配布し、ログアウトしました。再度インポートすることはできません。", sessionExpired: "セッションが終了しました。再度ログインしてください。",
    rootThumbprint: "ルート証明書の拇印 (SHA-1)", rootThumbprintHelp: "ルート証明書のインポート警告が出た場合は、表示された拇印とこの値が一致することを確認してから[はい]をクリックしてください。",
    windowsSteps: "Windows: ダウンロードした .p12 ファイルを開きます。証明書のインポートウィザードで下記のストアを選び[次へ]、パスワードを入力し、[証明書の種類に基づいて、自動的に証明書ストアを選択する]のまま完了します。",
    storeUser: "保存場所: 現在のユーザー", storeMachine: "保存場所: ローカル コンピューター (管理者権限が必要)",
    iphoneSteps: "iPhone / iPad: [ダウンロード]をタップして許可します。設定アプリの[一般] > [VPNとデバイス管理]でダウンロード済みのプロファイルを開き[インストール]します。ルート証明書の確認でも[インストール]をタップし、完了したら Safari に戻ってログアウトします。",
    androidSteps: "Android (Chrome): [設定] > [セキュリティ] > [認証ストレージ] > [ストレージからのインストール]（新しい Android では [暗号化と認証情報] > [証明書のインストール] > [VPN とアプリのユーザー証明書]）で、ダウンロードした .p12 を選びます。[証明書を抽出]のダイアログで証明書のパスワードを入力し、後で見分けられる名前を付けます（既定の名前はランダムな文字列のことがあります）。端末にロック（PIN など）がない場合は設定を求められます。証明書の登録にはロックが必須です。クライアント証明書を求めるサイトでは選択画面が出るので、この証明書を選びます。",
    macSteps: "Mac (Safari): ダウンロードした .p12 ファイルをダブルクリックすると、キーチェーンアクセスが起動しパスワードを求めます。証明書は「ログイン」キーチェーンの分類「証明書」に登録されます（中間CA証明書はパスワード不要）。Safari でクライアント証明書を求めるサイトにアクセスすると、使う証明書を選ぶ画面が表示されます。Safari は一度選んだ証明書を、キーチェーンアクセスで削除するまで使い続けることがあります。新しい証明書を取り込んだら古い証明書を削除してください。",
    layoutIphone: "iPhone 用レイアウト", layoutDesktop: "PC 用レイアウト",
  },
  settings: {
    title: "申込局 (UA)", intro: "申込局は /<名前>/ua の申込サイトで、1 つの認証局に紐付きます。", create: "申込局を作成", save: "保存", saved: "保存しました。",
    name: "名前 (URL: /<名前>/ua)", ca: "認証局", open: "サイトを開く", none: "申込局はまだありません。",
    basic: "基本設定", importToStore: "証明書ストアへのインポート", store: "証明書ストアの選択", storeUser: "ユーザストア", storeMachine: "マシンストア",
    importOnce: "インポートワンスを利用する", downloadAllowed: "ダウンロードを許可", downloadWindow: "ダウンロード可能時間 (分, 0 = 無制限)",
    selfEnroll: "初回アクセス時に証明書を発行する (セルフ申込)", encryption: "PKCS#12 の暗号化", legacy: "互換 (3DES / SHA-1 MAC)", aes256: "AES-256 (Windows のみ)",
    encryptionHint: "AES-256 は Windows へのダウンロードにだけ使われます。iPhone / iPad の構成プロファイル、Mac、Android には常に互換方式で暗号化したファイルを配布します (キーチェーンアクセスや古い Android は AES-256 のファイルを取り込めないため)。",
    lockThreshold: "ロックまでのログイン失敗回数", lockMinutes: "ロック時間 (分)",
    iphone: "iPhone / iPad の設定", iphoneUa: "iPhone / iPad 用 UA を利用する", iphoneLayout: "iPhone 用レイアウトを使用する", protect: "ログインパスワードで証明書を保護",
    profile: "iPhone 構成プロファイル基本設定", profileName: "名前 (デバイス上に表示)", profileIdentifier: "識別子 (例: com.example.profile)",
    profileOrganization: "プロファイルの組織名", profileDescription: "説明",
    android: "Android の設定", androidDownload: "Android へのダウンロードを許可", mac: "Mac の設定", macDownload: "Mac へのダウンロードを許可",
    deliveries: "配布状況", user: "ユーザ", serial: "シリアル", first: "初回配布", windowEnds: "期限", locked: "ロック", count: "回数",
    reset: "配布ロックを解除", resetConfirm: "このユーザが証明書を再度ダウンロードできるようにしますか?", resetDone: "配布ロックを解除しました。", noDeliveries: "配布はまだありません。",
  },
};

export const ENROLLMENT_MESSAGES = { en, ja: ja as EnrollmentMessages } as const;

/** What the user reads when a download is refused (or their session ended before it). */
export function refusalText(t: EnrollmentMessages["portal"], reason: PortalRefusal): string {
  switch (reason) {
    case "already-imported": return t.alreadyImported;
    case "window-expired": return t.windowExpired;
    case "not-allowed": return t.notAllowed;
    case "no-key": return t.noKey;
    case "revoked": return t.revoked;
    case "account-disabled": return t.disabled;
    case "session-expired": return t.sessionExpired;
  }
}

export { fill } from "@/lib/i18n/fill";
