import { isPkiError, type PkiError, type PkiErrorCode } from "@/lib/pki";
import { InkanError, type LocalizedText } from "@/lib/errors";

// lib/pki is pure and speaks English only; its messages carry exact technical facts (bit
// counts, curve names, DER offsets). A Japanese reader gets what went wrong and what to do
// in Japanese, with the English fact behind it as the detail.
const JA: Record<PkiErrorCode, string> = {
  EMPTY_INPUT: "入力が空です。ファイルをアップロードするか、内容を貼り付けてください。",
  TOO_LARGE: "入力が大きすぎます。証明書や CSR そのものだけを送ってください(バンドルは受け付けません)。",
  MALFORMED_INPUT: "形式が正しくないため読み取れません。PEM または DER のファイルかどうか確認してください。",
  BAD_SIGNATURE: "署名を検証できません。ファイルが改変されたか破損しています。鍵から作り直してください。",
  WEAK_KEY: "鍵が弱すぎます。2048 ビット以上の RSA 鍵(公開指数 65537 など)を新しく生成してください。",
  UNSUPPORTED_CURVE: "この楕円曲線には対応していません。P-256 か P-384 で鍵を生成してください。",
  UNSUPPORTED_ALGORITHM: "このアルゴリズムには対応していません。RSA(2048〜4096 ビット)か ECDSA P-256/P-384 を使ってください。",
  BAD_PASSWORD: "PKCS#12 のパスワードが違います。確認してもう一度入力してください。",
  INVALID_ARGUMENT: "入力値が正しくありません。",
};

/** A PKI core error's message in both languages. */
export function pkiErrorText(err: PkiError): LocalizedText {
  return { en: err.message, ja: `${JA[err.code]}(詳細: ${err.message})` };
}

/**
 * PKI core errors become the one error shape (other values pass through): an empty input is
 * a VALIDATION error, a too-large one TOO_LARGE, the rest UNPROCESSABLE with `pkiCode`.
 * `what` names the input for the empty case ({ en: "CSR", ja: "CSR" }).
 */
export function fromPkiError(err: unknown, what?: LocalizedText): unknown {
  if (!isPkiError(err)) return err;
  const text = pkiErrorText(err);
  if (err.code === "TOO_LARGE") return new InkanError("TOO_LARGE", text);
  if (err.code === "EMPTY_INPUT") {
    return new InkanError("VALIDATION", what ? { en: `The ${what.en} is empty. ${text.en}`, ja: `${what.ja}が空です。ファイルをアップロードするか、内容を貼り付けてください。` } : text);
  }
  return new InkanError("UNPROCESSABLE", text, { pkiCode: err.code });
}
