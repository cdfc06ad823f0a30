import type { DistinguishedName } from "@/lib/pki";
import { InkanError } from "@/lib/errors";

const TYPES = new Map<string, DistinguishedName[number]["type"]>([
  ["cn", "CN"], ["o", "O"], ["ou", "OU"], ["c", "C"], ["l", "L"], ["st", "ST"], ["dc", "DC"],
  ["emailaddress", "emailAddress"], ["e", "emailAddress"], ["serialnumber", "serialNumber"], ["uid", "UID"],
]);

/**
 * Parses an operator-written subject such as "CN=Inkan ia1,O=Example,C=JP" (or the
 * OpenSSL "/C=JP/O=Example/CN=x" form). Written order is kept as encoding order when it
 * starts general (C, O, DC); RFC 4514 order (CN first) is reversed to match.
 */
export function parseSubject(text: string): DistinguishedName {
  const slashForm = text.trim().startsWith("/");
  const parts = slashForm ? text.trim().slice(1).split("/") : text.split(/(?<!\\),/);
  const dn: DistinguishedName = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf("=");
    const type = TYPES.get(part.slice(0, eq).trim().toLowerCase());
    const value = part.slice(eq + 1).trim().replace(/\\(.)/g, "$1");
    if (eq < 1 || !type || !value) {
      throw new InkanError("VALIDATION", { en: `"${part}" is not a subject attribute Inkan understands (use CN, O, OU, C, L, ST, DC, emailAddress).`, ja: `「${part}」は Inkan が扱えるサブジェクト属性ではありません(CN, O, OU, C, L, ST, DC, emailAddress を使ってください)。` });
    }
    dn.push({ type, value });
  }
  if (dn.length === 0) throw new InkanError("VALIDATION", { en: "The subject is empty; give at least CN=<name>.", ja: "サブジェクトが空です。少なくとも CN=<名前> を指定してください。" });
  return !slashForm && dn[0].type === "CN" ? dn.reverse() : dn;
}
