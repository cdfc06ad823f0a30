import type { ApplyFieldProblem, ApplicationStatus, SubmitOutcome } from "./types";

// Text of registration applications (登録申請書): the UA's apply form and the RA's list and
// application page, in English and Japanese. Both define every key (checked by messages.test.ts).
export const en = {
  apply: {
    link: "No account yet? Apply for one", title: "Apply for an account", intro: "Fill in this form. An administrator reviews your application; once it is approved you sign in here with the user ID and password you chose.",
    userId: "User ID", userIdHelp: "Letters, digits and . _ @ - (e.g. your e-mail address or staff number). It cannot be changed later.",
    displayName: "Your name", email: "E-mail", password: "Password for this site", passwordHelp: "At least 8 characters. You sign in with it once the application is approved.",
    confirm: "Password again", note: "Note to the administrator (optional)", submit: "Submit application", back: "Back to sign-in",
    submitted: "Your application has been submitted. An administrator will review it; you can sign in once it is approved.",
    taken: "This user ID cannot be used. Choose another one.", rateLimited: "Too many applications were sent from your network. Try again in an hour.",
    closed: "This site does not take applications any more.", error: "The application could not be sent. Try again.", invalid: "Check the highlighted fields.",
    problems: {
      required: "Required.", format: "Use letters, digits and . _ @ - only.", tooLong: "Too long.", email: "Enter a valid e-mail address.",
      passwordShort: "Use at least 8 characters.", mismatch: "The two passwords differ. Type the same password twice.",
    },
  },
  list: {
    title: "Applications", intro: "Registration applications submitted at the UAs. Approving one creates the user account with the password the applicant chose.",
    status: "Status", all: "All", pending: "Pending", approved: "Approved", rejected: "Rejected", filter: "Show",
    caption: "Registration applications, newest first", userId: "User ID", displayName: "Name", email: "E-mail", ua: "UA", submitted: "Submitted", decided: "Decided",
    empty: "No applications with this status.", next: "Next page", first: "First page",
  },
  detail: {
    title: "Application", userId: "User ID", displayName: "Name", email: "E-mail", note: "Note", ua: "UA", status: "Status", submitted: "Submitted",
    ip: "IP address", userAgent: "Browser", decidedAt: "Decided", decidedBy: "Decided by", rejectReason: "Reason for rejection", account: "Account",
    groups: "Groups the account joins", noGroups: "None (configured per UA)", noNote: "(none)",
    approve: "Approve", approveQuestion: "Create the user account \"{user}\" with the password the applicant chose, and approve the application?", approved: "Approved: account {user} created.",
    reject: "Reject", rejectTitle: "Reject this application?", reason: "Reason (kept with the application)", rejectConfirm: "Reject", rejected: "Rejected.",
    readOnly: "Your role may read applications; ADMIN and OPERATOR decide them.", back: "All applications", audit: "Audit events",
  },
};

export type ApplicationMessages = typeof en;
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const ja: Shape<ApplicationMessages> = {
  apply: {
    link: "アカウントをお持ちでない方は登録申請", title: "アカウントの登録申請", intro: "このフォームに記入してください。管理者が申請を確認し、承認されると、ここで選んだユーザIDとパスワードでログインできます。",
    userId: "ユーザID", userIdHelp: "英数字と . _ @ - が使えます (例: メールアドレスや社員番号)。後から変更できません。",
    displayName: "氏名", email: "メールアドレス", password: "このサイトのパスワード", passwordHelp: "8文字以上。申請が承認されたらこのパスワードでログインします。",
    confirm: "パスワード (確認)", note: "管理者への連絡事項 (任意)", submit: "申請する", back: "ログイン画面へ戻る",
    submitted: "登録申請を受け付けました。管理者が確認します。承認後にログインできます。",
    taken: "このユーザIDは使用できません。別のユーザIDを選んでください。", rateLimited: "お使いのネットワークからの申請が多すぎます。1時間後にもう一度お試しください。",
    closed: "このサイトは現在登録申請を受け付けていません。", error: "申請を送信できませんでした。もう一度お試しください。", invalid: "入力内容を確認してください。",
    problems: {
      required: "入力してください。", format: "英数字と . _ @ - のみ使えます。", tooLong: "長すぎます。", email: "正しいメールアドレスを入力してください。",
      passwordShort: "8文字以上にしてください。", mismatch: "パスワードが一致しません。同じパスワードを2回入力してください。",
    },
  },
  list: {
    title: "登録申請書一覧", intro: "申込局 (UA) で提出された登録申請書です。承認すると、申請者が選んだパスワードでユーザアカウントを作成します。",
    status: "ステータス", all: "すべて", pending: "申請中", approved: "承認済み", rejected: "却下", filter: "表示",
    caption: "登録申請書 (新しい順)", userId: "ユーザID", displayName: "氏名", email: "メールアドレス", ua: "申込局", submitted: "申請日時", decided: "処理日時",
    empty: "このステータスの申請書はありません。", next: "次のページ", first: "最初のページ",
  },
  detail: {
    title: "登録申請書", userId: "ユーザID", displayName: "氏名", email: "メールアドレス", note: "連絡事項", ua: "申込局", status: "ステータス", submitted: "申請日時",
    ip: "IPアドレス", userAgent: "ブラウザ", decidedAt: "処理日時", decidedBy: "処理者", rejectReason: "却下の理由", account: "アカウント",
    groups: "参加するグループ", noGroups: "なし (申込局ごとに設定)", noNote: "(なし)",
    approve: "承認", approveQuestion: "申請者が選んだパスワードでユーザアカウント「{user}」を作成し、申請を承認しますか?", approved: "承認しました: アカウント {user} を作成しました。",
    reject: "却下", rejectTitle: "この申請を却下しますか?", reason: "理由 (申請書に記録されます)", rejectConfirm: "却下する", rejected: "却下しました。",
    readOnly: "このロールは申請書の閲覧のみできます。承認・却下は ADMIN と OPERATOR が行います。", back: "登録申請書一覧へ", audit: "監査イベント",
  },
};

export const APPLICATION_MESSAGES = { en, ja: ja as ApplicationMessages } as const;

export function statusText(t: ApplicationMessages["list"], status: ApplicationStatus): string {
  return status === "PENDING" ? t.pending : status === "APPROVED" ? t.approved : t.rejected;
}

/** What the applicant reads after submitting. */
export function outcomeText(t: ApplicationMessages["apply"], outcome: SubmitOutcome | { ok: false; reason: "error" }): string {
  if (outcome.ok) return t.submitted;
  switch (outcome.reason) {
    case "taken": return t.taken;
    case "rate-limited": return t.rateLimited;
    case "closed": return t.closed;
    case "invalid": return t.invalid;
    case "error": return t.error;
  }
}

export function problemText(t: ApplicationMessages["apply"], problem: ApplyFieldProblem | undefined): string | undefined {
  return problem ? t.problems[problem] : undefined;
}

export { fill } from "@/lib/i18n/fill";
