import { importAccounts, previewAccountImport, type ImportProgress } from "@/lib/accounts";
import { MAX_IMPORT_BYTES } from "@/lib/accounts/import";
import { requireActor } from "@/lib/auth/guard";
import { STAFF } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { assertSameOrigin, handle, json } from "@/lib/http";
import { apiLocale } from "@/lib/i18n/locale";

export const dynamic = "force-dynamic";

const IMPORT_FAILED = {
  en: "The import failed unexpectedly; see the server log. Rows already written stay; run the import again.",
  ja: "取り込みが予期せず失敗しました。サーバのログを確認してください。書き込み済みの行はそのまま残ります。もう一度取り込みを実行してください。",
};

/**
 * POST /api/v1/accounts/import with the CSV file as the body (Content-Type: text/csv).
 * ?dryRun=1 answers the preview as JSON. Otherwise the answer streams NDJSON: progress lines
 * {"type":"progress","done","total"} after every batch, then {"type":"done","result"}.
 */
export const POST = handle(async (request: Request) => {
  assertSameOrigin(request);
  const actor = await requireActor(STAFF);
  const locale = apiLocale(request.headers.get("accept-language"));
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_IMPORT_BYTES) throw new InkanError("TOO_LARGE", { en: `The CSV file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into several files.`, ja: `CSVファイルが ${MAX_IMPORT_BYTES / 1024 / 1024} MB を超えています。複数のファイルに分けてください。` });
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new InkanError("TOO_LARGE", { en: `The CSV file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into several files.`, ja: `CSVファイルが ${MAX_IMPORT_BYTES / 1024 / 1024} MB を超えています。複数のファイルに分けてください。` });
  if (new URL(request.url).searchParams.get("dryRun") === "1") return json(await previewAccountImport(bytes, locale));
  // Validate the whole file before the stream starts, so a bad file is a plain problem+json.
  await previewAccountImport(bytes);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (p: ImportProgress | { type: "error"; message: string }) => controller.enqueue(encoder.encode(JSON.stringify(p) + "\n"));
      try {
        await importAccounts(bytes, actor, send, locale);
      } catch (err) {
        if (!(err instanceof InkanError)) console.error("[inkan] account import failed:", err instanceof Error ? err.stack : err);
        send({ type: "error", message: (err instanceof InkanError ? err.text : IMPORT_FAILED)[locale] });
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson", "cache-control": "no-store" } });
});
