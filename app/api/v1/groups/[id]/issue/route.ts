import { issueForGroup, parseBulkIssueOptions, type BulkIssueProgress } from "@/lib/ca";
import { requireActor } from "@/lib/auth/guard";
import { STAFF } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { assertSameOrigin, handle, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/groups/{id}/issue with JSON {"onlyWithoutValidCertificate": boolean, "keyAlgorithm"?: string}:
 * issues a server-key certificate to every active member. The answer streams NDJSON: progress
 * lines {"type":"progress","done","total"} after every member, then {"type":"done","result"}.
 */
export const POST = handle(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(request);
  const actor = await requireActor(STAFF);
  const { id } = await context.params;
  // Validate before the stream starts, so bad options are a plain problem+json.
  const options = parseBulkIssueOptions(await readJson(request));
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (p: BulkIssueProgress | { type: "error"; message: string }) => controller.enqueue(encoder.encode(JSON.stringify(p) + "\n"));
      try {
        await issueForGroup(id, options, actor, send);
      } catch (err) {
        if (!(err instanceof InkanError)) console.error("[inkan] bulk issuance failed:", err instanceof Error ? err.stack : err);
        send({ type: "error", message: err instanceof InkanError ? err.message : "Bulk issuance failed unexpectedly; see the server log. Certificates already issued stay; run it again with \"only members without a valid certificate\"." });
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson", "cache-control": "no-store" } });
});
