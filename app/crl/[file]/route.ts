import { distributionFile } from "@/lib/ca";
import { handle } from "@/lib/http";

// Public by design: relying parties (IIS, Apache, nginx, ALB) fetch these without credentials.
export const dynamic = "force-dynamic";

/** RFC 9110 §13.1.2: If-None-Match is "*" or a list of entity tags, compared weakly. */
function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

export const GET = handle(async (request: Request, { params }: { params: Promise<{ file: string }> }) => {
  const file = await distributionFile((await params).file);
  if (!file) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const headers: Record<string, string> = {
    "content-type": file.contentType,
    etag: file.etag,
    "cache-control": `public, max-age=${file.maxAgeSeconds}`,
    ...(file.lastModified ? { "last-modified": file.lastModified.toUTCString() } : {}),
  };
  if (matchesEtag(request.headers.get("if-none-match"), file.etag)) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(file.body), { headers: { ...headers, "content-length": String(file.body.length) } });
});

export const HEAD = GET;
