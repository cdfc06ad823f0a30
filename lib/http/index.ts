import { AsyncLocalStorage } from "node:async_hooks";
import { InkanError, toProblem, type Language } from "@/lib/errors";
import { apiLocale } from "@/lib/i18n/locale";

// Route-handler plumbing shared by /api/v1 and /crl: JSON bodies with a size cap,
// RFC 9457 problem+json for every error, and file responses.
export const MAX_JSON_BYTES = 1024 * 1024;

/** problem+json in `locale` (English unless the caller picked the reader's language). */
export function problemResponse(err: unknown, locale: Language = "en"): Response {
  const problem = toProblem(err, locale);
  if (problem.status >= 500) console.error("[inkan] route handler failed:", err instanceof Error ? err.stack : err);
  return new Response(JSON.stringify(problem), { status: problem.status, headers: { "content-type": "application/problem+json", "content-language": locale } });
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** The method and path of the route handler being run (no query string). */
export interface RequestLine {
  method: string;
  path: string;
}

// next/headers gives the request's headers but not its URL, and requireActor sits several
// calls below the handler; the Request that handle() receives is the one place both are known.
const requestLines = new AsyncLocalStorage<RequestLine>();

/** The request line of the route handler this call runs under, if any (an API token's use is audited with it). */
export function currentRequestLine(): RequestLine | undefined {
  return requestLines.getStore();
}

/**
 * Wraps a handler so any thrown error becomes problem+json (in Japanese when the request's
 * Accept-Language prefers it, else English), and its request line is known below it.
 */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    const request = args[0];
    const run = async () => {
      try {
        return await fn(...args);
      } catch (err) {
        return problemResponse(err, request instanceof Request ? apiLocale(request.headers.get("accept-language")) : "en");
      }
    };
    if (!(request instanceof Request)) return run();
    return requestLines.run({ method: request.method, path: new URL(request.url).pathname.slice(0, 512) }, run);
  };
}

/** Reads a JSON object body, refusing oversize, non-JSON and non-object bodies with clear messages. */
export async function readJson(request: Request, maxBytes = MAX_JSON_BYTES): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) throw new InkanError("VALIDATION", { en: "Send the request body as JSON with Content-Type: application/json.", ja: "リクエスト本文は Content-Type: application/json の JSON で送ってください。" });
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new InkanError("TOO_LARGE", { en: `The request body is larger than ${maxBytes} bytes.`, ja: `リクエスト本文が ${maxBytes} バイトを超えています。` });
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new InkanError("TOO_LARGE", { en: `The request body is larger than ${maxBytes} bytes.`, ja: `リクエスト本文が ${maxBytes} バイトを超えています。` });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new InkanError("VALIDATION", { en: "The request body is not valid JSON.", ja: "リクエスト本文が正しいJSONではありません。" });
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new InkanError("VALIDATION", { en: "The request body must be a JSON object.", ja: "リクエスト本文はJSONオブジェクトにしてください。" });
  return body as Record<string, unknown>;
}

export function fileResponse(file: { filename: string; contentType: string; body: Buffer }, extra: Record<string, string> = {}): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "content-length": String(file.body.length),
      "cache-control": "no-store",
      ...extra,
    },
  });
}

/** Cookie-authenticated writes must come from our own pages (defence against CSRF beyond SameSite). */
export function assertSameOrigin(request: Request): void {
  if (request.headers.get("authorization")) return;
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!host || new URL(origin).host !== host) throw new InkanError("FORBIDDEN", { en: "Cross-site request refused.", ja: "別のサイトからのリクエストは受け付けません。" });
}
