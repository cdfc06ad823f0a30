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
    // Import steps per platform (seed 000 §4.1 and §6.1, seed 002 Step 3), shown as a numbered list.
    // {password} names the password the file is protected with; {store} the Windows store location.
    stepsTitle: { windows: "Import on Windows", iphone: "Install on iPhone / iPad", android: "Import on Android", mac: "Import on Mac" },
    passwordOneTime: "the one-time password shown on this page after you click “Import certificate”",
    passwordLogin: "your login password for this site (the one you signed in with)",
    storeUser: "Current User", storeMachine: "Local Machine (needs an administrator)",
    windowsSteps: [
      "Click “Import certificate” and save the .p12 file.",
      "Open (double-click) the downloaded .p12 file: the Certificate Import Wizard starts.",
      "Keep the store location “{store}” and click Next.",
      "When the wizard asks for the password, type {password} and click Next.",
      "Keep “Automatically select the certificate store based on the type of certificate” and finish.",
      "If Windows warns that it is about to install a root certificate, compare its thumbprint with the one below before you click Yes.",
      "Open the site in your browser: when it asks which certificate to use, choose this one and click OK.",
    ],
    iphoneSteps: [
      "Tap “Download” and allow the download of the configuration profile.",
      "Open the Settings app > General > VPN & Device Management and tap the downloaded profile.",
      "Tap Install and continue. {iphonePassword}",
      "When iOS asks you to confirm the root certificate, check it and tap Install.",
      "When the installation is complete, tap Done, come back to Safari and sign out.",
    ],
    iphonePasswordLogin: "When iOS asks for the certificate's password, type your login password for this site.",
    iphonePasswordEmbedded: "The certificate's password is in the profile: iOS does not ask for it.",
    androidSteps: [
      "Tap “Import certificate” and save the .p12 file.",
      "Open the Android Settings app, tap Security, and under “Credential storage” tap “Install from storage”. Choose the downloaded .p12 file.",
      "In the “Extract certificate” dialog, type {password}.",
      "Name the certificate so that you can tell it apart later. The suggested name may be a random string; changing it is recommended, but the default works too.",
      "If Android says the device needs a screen lock, set one (PIN, pattern or password) on the screen it opens.",
      "Open the site in Chrome: when it asks for a client certificate, a picker appears. Choose this certificate.",
    ],
    androidHint: "Android requires a screen lock (PIN or similar) on any device that holds a certificate.",
    androidNewer: "On newer Android versions the path is Settings > Security & privacy > More security settings > Encryption & credentials > Install a certificate > VPN & app user certificate.",
    macSteps: [
      "Click “Import certificate” and save the .p12 file.",
      "Double-click the downloaded .p12 file: Keychain Access opens and asks for the certificate's password.",
      "Type {password}. The certificate is added to the “login” keychain, under the “Certificates” category.",
      "Open the site in Safari: when it asks for a client certificate, a picker appears. Choose this certificate.",
    ],
    macHint: "Safari may keep using the certificate you chose, even after you quit and restart it, until that certificate is deleted in Keychain Access. After importing a new certificate, delete the old one in Keychain Access.",
    layoutIphone: "iPhone / iPad layout", layoutDesktop: "Desktop layout",
  },
  settings: {
    title: "User agents (UA)", intro: "Each UA is an enrollment site at /<name>/ua, bound to one CA.", create: "Create UA", save: "Save", saved: "Saved.",
    name: "Name (URL: /<name>/ua)", ca: "Certificate authority", open: "Open the site", none: "No UA yet.",
    basic: "Basic settings", importToStore: "Import to the certificate store", store: "Certificate store", storeUser: "User store", storeMachine: "Machine store",
    importOnce: "Use import-once", downloadAllowed: "Allow download", downloadWindow: "Download period (minutes, 0 = unlimited)",
    selfEnroll: "Issue a certificate on the user's first visit (self-enrollment)", encryption: "PKCS#12 encryption", legacy: "Compatible (3DES / SHA-1 MAC)", aes256: "AES-256 (Windows only)",
    encryptionHint: "AES-256 applies to Windows downloads only. iPhone / iPad profiles, Mac and Android always get the compatible encryption, because Keychain Access and older Android versions cannot import AES-256 files.",
    lockThreshold: "Failed sign-ins before lock", lockMinutes: "Lock time (minutes)",
    iphone: "iPhone / iPad settings", iphoneUa: "Use the iPhone / iPad UA", iphoneLayout: "Use the iPhone layout (a compact page for iPhone / iPad users)", protect: "Protect the certificate with the login password",
    profile: "iPhone configuration profile", profileName: "Name (shown on the device)", profileIdentifier: "Identifier (e.g. com.example.profile)",
    profileOrganization: "Organisation of the profile", profileDescription: "Description",
    android: "Android settings", androidDownload: "Allow Android downloads", mac: "Mac settings", macDownload: "Allow Mac downloads",
    deliveries: "Deliveries", user: "User", serial: "Serial", first: "First delivery", windowEnds: "Window ends", locked: "Locked", count: "Count",
    reset: "Reset delivery lock", resetConfirm: "Let this user download the certificate again?", resetDone: "Delivery lock reset.", noDeliveries: "No deliveries yet.",
    applications: "Registration applications", acceptApplications: "Accept account applications (people without an account apply at /<name>/ua/apply)",
    applicationGroups: "Groups an approved applicant joins", applicationGroupsHelp: "Approving an application in the RA (Applications) creates the user account and adds it to these groups.",
    noGroups: "No groups yet.", accepting: "Applications",
  },
};

export type EnrollmentMessages = typeof en;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : T[K] extends readonly string[] ? string[] : Shape<T[K]> };

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
    stepsTitle: { windows: "Windows へのインポート", iphone: "iPhone / iPad へのインストール", android: "Android へのインポート", mac: "Mac へのインポート" },
    passwordOneTime: "[証明書のインポート]の後にこのページに表示されるワンタイムパスワード",
    passwordLogin: "このサイトへのログインパスワード",
    storeUser: "現在のユーザー", storeMachine: "ローカル コンピューター (管理者権限が必要)",
    windowsSteps: [
      "[証明書のインポート]をクリックし、.p12 ファイルを保存します。",
      "ダウンロードした .p12 ファイルを開く (ダブルクリックする) と、証明書のインポートウィザードが起動します。",
      "保存場所は「{store}」のまま[次へ]をクリックします。",
      "パスワードを求められたら、{password}を入力して[次へ]をクリックします。",
      "[証明書の種類に基づいて、自動的に証明書ストアを選択する]のまま進めて完了します。",
      "ルート証明書のインポート警告が出た場合は、表示された拇印が下記の拇印と一致することを確認してから[はい]をクリックします。",
      "ブラウザでサイトにアクセスし、使う証明書を尋ねられたらこの証明書を選んで[OK]をクリックします。",
    ],
    iphoneSteps: [
      "[ダウンロード]をタップし、構成プロファイルのダウンロードを許可します。",
      "設定アプリの[一般] > [VPNとデバイス管理]を開き、ダウンロード済みのプロファイルをタップします。",
      "[インストール]をタップして続行します。{iphonePassword}",
      "ルート証明書のインストール確認画面が表示されたら、内容を確認して[インストール]をタップします。",
      "インストールが完了したら[完了]をタップし、Safari に戻ってログアウトします。",
    ],
    iphonePasswordLogin: "証明書のパスワードを求められたら、このサイトへのログインパスワードを入力します。",
    iphonePasswordEmbedded: "証明書のパスワードはプロファイルに含まれているため、入力は求められません。",
    androidSteps: [
      "[証明書のインポート]をタップし、.p12 ファイルを保存します。",
      "Android の[設定]で[セキュリティ]をタップし、[認証ストレージ]の[ストレージからのインストール]をタップして、ダウンロードした .p12 ファイルを選びます。",
      "[証明書を抽出]のダイアログで、{password}を入力します。",
      "証明書の名前を指定するダイアログで、後から見分けやすい名前を付けます。ランダムな文字列が入っていることがあるので変更をお勧めしますが、既定のままでも動作に支障はありません。",
      "端末にロックを設定する必要がある旨のダイアログが表示されたら、開いた画面で端末のロック (PIN など) を設定します。",
      "Chrome でクライアント証明書を求めるサイトにアクセスすると、証明書を選ぶ画面が表示されます。この証明書を選びます。",
    ],
    androidHint: "Android の仕様上、証明書を登録した端末ではロック (PIN など) が必須になります。",
    androidNewer: "新しい Android では[設定] > [セキュリティとプライバシー] > [その他のセキュリティ設定] > [暗号化と認証情報] > [証明書のインストール] > [VPN とアプリのユーザー証明書]から取り込みます。",
    macSteps: [
      "[証明書のインポート]をクリックし、.p12 ファイルを保存します。",
      "ダウンロードした .p12 ファイルをダブルクリックすると、キーチェーンアクセスが起動し証明書のパスワードを求められます。",
      "{password}を入力します。証明書は「ログイン」キーチェーンの分類「証明書」に登録されます。",
      "Safari でクライアント証明書を求めるサイトにアクセスすると、証明書を選ぶ画面が表示されます。この証明書を選びます。",
    ],
    macHint: "Safari では一度選んだ証明書が、ブラウザを再起動しても、キーチェーンアクセスでその証明書を削除するまで使われ続けることがあります。新しい証明書を取り込んだら、古い証明書をキーチェーンアクセスで削除してください。",
    layoutIphone: "iPhone / iPad 用レイアウト", layoutDesktop: "PC 用レイアウト",
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
    applications: "登録申請", acceptApplications: "アカウントの登録申請を受け付ける (アカウントのない人が /<名前>/ua/apply から申請)",
    applicationGroups: "承認された申請者が参加するグループ", applicationGroupsHelp: "RA の登録申請書一覧で申請を承認すると、ユーザアカウントを作成してこれらのグループに追加します。",
    noGroups: "グループはまだありません。", accepting: "登録申請",
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
