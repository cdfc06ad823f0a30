// S3: the real s3rver does the storage; in front of it sits a thin pass-through so that S3
// faults can be injected like the other services', and so that requests from the current
// SDK (aws-chunked bodies with trailing checksums, any access key) reach s3rver in a form it
// understands.
import http from "node:http";
import { randomUUID } from "node:crypto";
import S3rver from "s3rver";
import type { ServiceHandler, ServiceRequest, ServiceResponse } from "./server";

export interface S3Backend {
  /** s3rver's own address, bypassing faults: ELBv2 fetches bundles and CRLs here. */
  internalEndpoint: string;
  handler: ServiceHandler;
  getObject(bucket: string, key: string): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

export interface S3Options {
  /**
   * false: the caller's policy lacks s3:ListBucket (as the one Inkan generates). S3 then will not
   * say whether a key exists: HEAD or GET of a missing key answers 403 AccessDenied instead of
   * 404, and listing the bucket is denied.
   */
  listBucket: boolean;
}

export async function startS3(directory: string, buckets: string[], options: S3Options = { listBucket: true }): Promise<S3Backend> {
  const s3rver = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await s3rver.run();
  const internalEndpoint = `http://127.0.0.1:${port}`;

  const handler: ServiceHandler = {
    service: "s3",
    operationOf: s3Operation,
    handle: async (req) => {
      const operation = s3Operation(req);
      if (!options.listBucket && (operation === "ListObjects" || operation === "ListObjectsV2")) return s3Error(403, "AccessDenied", "Access Denied");
      const res = await forward(internalEndpoint, req);
      if (!options.listBucket && res.status === 404 && (operation === "HeadObject" || operation === "GetObject")) {
        // A HEAD response has no body: S3 sends the bare status, which the SDK names "Forbidden".
        return operation === "HeadObject" ? { status: 403, headers: { "x-amz-request-id": randomUUID() }, body: "" } : s3Error(403, "AccessDenied", "Access Denied");
      }
      return res;
    },
    faultResponse: (kind) =>
      kind === "throttle"
        ? s3Error(503, "SlowDown", "Please reduce your request rate.")
        : s3Error(500, "InternalError", "We encountered an internal error. Please try again."),
    unauthenticated: () => s3Error(403, "AccessDenied", "Access Denied: the request carries no Authorization header."),
  };

  return {
    internalEndpoint,
    handler,
    async getObject(bucket, key) {
      const res = await fetch(`${internalEndpoint}/${encodeURIComponent(bucket)}/${key.split("/").map(encodeURIComponent).join("/")}`);
      if (res.status === 404) return undefined;
      if (!res.ok) throw new Error(`aws-local: s3rver answered ${res.status} for s3://${bucket}/${key}`);
      return Buffer.from(await res.arrayBuffer());
    },
    close: () => s3rver.close(),
  };
}

/** Names the S3 REST operation from the method, path and query (path-style addressing). */
export function s3Operation(req: ServiceRequest): string {
  const url = new URL(req.url, "http://s3.local");
  const [, bucket, ...keyParts] = url.pathname.split("/");
  const q = url.searchParams;
  if (!bucket) return "ListBuckets";
  if (keyParts.join("/") === "") {
    if (req.method === "PUT") return "CreateBucket";
    if (req.method === "DELETE") return "DeleteBucket";
    if (req.method === "HEAD") return "HeadBucket";
    if (req.method === "POST" && q.has("delete")) return "DeleteObjects";
    return q.get("list-type") === "2" ? "ListObjectsV2" : "ListObjects";
  }
  if (req.method === "PUT") return req.headers["x-amz-copy-source"] ? "CopyObject" : q.has("partNumber") ? "UploadPart" : "PutObject";
  if (req.method === "POST") return q.has("uploads") ? "CreateMultipartUpload" : "CompleteMultipartUpload";
  if (req.method === "DELETE") return q.has("uploadId") ? "AbortMultipartUpload" : "DeleteObject";
  if (req.method === "HEAD") return "HeadObject";
  return "GetObject";
}

function s3Error(status: number, code: string, message: string): ServiceResponse {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${randomUUID()}</RequestId></Error>`;
  return { status, headers: { "content-type": "application/xml" }, body };
}

// Hop-by-hop and signing headers that must not be passed on to s3rver as they are.
const DROPPED_REQUEST_HEADERS = new Set(["authorization", "connection", "content-length", "transfer-encoding", "expect", "x-amz-decoded-content-length", "x-amz-trailer"]);

async function forward(upstream: string, req: ServiceRequest): Promise<ServiceResponse> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !DROPPED_REQUEST_HEADERS.has(name)) headers[name] = value;
  }
  let body = req.body;
  // The SDK streams uploads as aws-chunked with a trailing checksum; s3rver stores bodies verbatim.
  if (String(req.headers["content-encoding"] ?? "").includes("aws-chunked")) {
    body = decodeAwsChunked(req.body);
    const rest = String(req.headers["content-encoding"]).split(",").map((s) => s.trim()).filter((s) => s && s !== "aws-chunked");
    if (rest.length) headers["content-encoding"] = rest.join(",");
    else delete headers["content-encoding"];
    headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
  }
  // The request goes out unsigned: s3rver only knows its own access key, and AWS's behaviour
  // under test here does not depend on who signed.
  headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const out = http.request(`${upstream}${req.url}`, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const responseHeaders: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined && name !== "transfer-encoding" && name !== "connection" && name !== "keep-alive") responseHeaders[name] = value;
        }
        const responseBody = Buffer.concat(chunks);
        if (req.method !== "HEAD") responseHeaders["content-length"] = String(responseBody.length);
        resolve({ status: res.statusCode ?? 500, headers: responseHeaders, body: responseBody });
      });
      res.on("error", reject);
    });
    out.on("error", reject);
    out.end(body);
  });
}

/** Decodes an aws-chunked body: `<hex size>[;chunk-signature=…]\r\n<data>\r\n` … `0\r\n<trailers>\r\n`. */
export function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = raw.indexOf("\r\n", offset);
    if (lineEnd < 0) throw new Error("aws-local: truncated aws-chunked body");
    const size = parseInt(raw.subarray(offset, lineEnd).toString("latin1").split(";")[0], 16);
    if (Number.isNaN(size)) throw new Error("aws-local: malformed aws-chunked chunk header");
    offset = lineEnd + 2;
    if (size === 0) return Buffer.concat(parts);
    parts.push(raw.subarray(offset, offset + size));
    offset += size + 2;
  }
}
