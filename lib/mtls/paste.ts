import { InkanError } from "@/lib/errors";
import type { IdentifyInput } from "./identify";
import { identityRequestSchema } from "./schema";

// "name: value" as in raw HTTP or the seed's demo page ("• x-amzn-…: value", "<li>…</li>"), or
// "name value" as its Edge rendering prints the X-Amzn-Mtls headers; the value may be missing.
const HEADER_LINE = /^(?:[•*·–-]\s*)?([A-Za-z0-9][A-Za-z0-9-]*)(?:(\s*:\s*|\s+)(.*))?$/;
const MAX_PASTE = 256 * 1024;

function headerLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  let current: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    // The demo app's HTML source wraps each header in <li>; drop its tags, never a value's text.
    const line = raw.replace(/<\/?(li|ul|ol|h\d|p|br|html|body)\b[^>]*>/gi, "").trim();
    if (!line) continue;
    const m = HEADER_LINE.exec(line);
    const name = m?.[1].toLowerCase();
    if (m && name && ((m[2] ?? "").includes(":") || name.startsWith("x-amzn-mtls"))) {
      current = name;
      headers[name] = m[3] ?? "";
    } else if (current) {
      // A value wrapped onto the next lines (the seed's leaf is printed over two).
      headers[current] += `\n${line}`;
    }
  }
  return headers;
}

/**
 * What an administrator pasted into the identity tool → identifyClient's input: ALB headers
 * (raw, the seed's demo output, or JSON), nginx's X-SSL-Client-Cert header, or a PEM.
 */
export function parsePastedIdentity(text: string): IdentifyInput {
  if (typeof text !== "string" || text.trim() === "") {
    throw new InkanError("VALIDATION", { en: "Paste the request headers (or the demo page's output), or a certificate in PEM.", ja: "リクエストヘッダー(またはデモページの出力)か、PEM形式の証明書を貼り付けてください。" });
  }
  if (text.length > MAX_PASTE) throw new InkanError("TOO_LARGE", { en: `The pasted text is longer than ${MAX_PASTE} characters.`, ja: `貼り付けたテキストが ${MAX_PASTE} 文字を超えています。` });
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new InkanError("VALIDATION", { en: "The pasted text starts like JSON but is not valid JSON.", ja: "貼り付けたテキストはJSONのように始まっていますが、正しいJSONではありません。" });
    }
    const body = identityRequestSchema.safeParse(json);
    if (body.success) return body.data;
    const plain = identityRequestSchema.safeParse({ headers: json });
    if (plain.success) return plain.data;
    throw new InkanError("VALIDATION", { en: 'Paste JSON as { "headers": { ... } }, { "leafPem": "..." } or an object of header names and values.', ja: 'JSONは { "headers": { ... } }、{ "leafPem": "..." }、またはヘッダー名と値のオブジェクトとして貼り付けてください。' });
  }
  const headers = headerLines(trimmed);
  const mtls = Object.keys(headers).filter((k) => k.startsWith("x-amzn-mtls-"));
  if (mtls.length > 0) return { headers: Object.fromEntries(mtls.map((k) => [k, headers[k]])) };
  if (headers["x-ssl-client-cert"]) return { leafPem: headers["x-ssl-client-cert"] };
  if (/-----BEGIN(%20| )CERTIFICATE-----/.test(trimmed)) return { leafPem: trimmed };
  throw new InkanError("VALIDATION", { en: "No X-Amzn-Mtls-Clientcert header, X-SSL-Client-Cert header or PEM certificate was found in the pasted text.", ja: "貼り付けたテキストに X-Amzn-Mtls-Clientcert ヘッダー、X-SSL-Client-Cert ヘッダー、PEM形式の証明書のいずれも見つかりません。" });
}
