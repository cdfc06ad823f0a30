import { exportIssuanceReport } from "@/lib/reports/loaders";
import { handle } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /ra/reports/export?period=&from=&to=&ca=&template=: the issuance history report as CSV (every console role). */
export const GET = handle(async (request: Request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const file = await exportIssuanceReport(params);
  return new Response(file.body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
