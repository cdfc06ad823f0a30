import { openAuditExport } from "@/lib/audit/loaders";
import { handle } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /ra/audit/export?format=csv|jsonl&<filters>: the filtered events, streamed (AUDITOR, ADMIN). */
export const GET = handle(async (request: Request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const exp = await openAuditExport(params);
  const head = exp.header.chainHead;
  return new Response(exp.stream, {
    headers: {
      "content-type": exp.contentType,
      "content-disposition": `attachment; filename="${exp.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-inkan-audit-chain-head": head ? `${head.seq} ${head.hash}` : "empty",
    },
  });
});
