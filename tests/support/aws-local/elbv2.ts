// ELBv2 over the AWS Query protocol (API version 2015-12-01): form-encoded POST with Action
// and Version, XML `<{Op}Response><{Op}Result>` answers with `member` lists, and
// `<ErrorResponse>` errors. Only the trust store operations are served.
import { randomUUID } from "node:crypto";
import { AwsError } from "./aws-error";
import type { ServiceHandler, ServiceRequest, ServiceResponse } from "./server";
import type { RevocationSource, RevocationState, TrustStoreState, TrustStores } from "./trust-stores";
import { toXml, escapeXml, type XmlValue } from "./xml";

const NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
const CONTENT_PATH = "/_content/";

type Params = URLSearchParams;
type Operation = (p: Params) => Promise<XmlValue> | XmlValue;

export function elbv2Handler(stores: TrustStores, endpoint: () => string): ServiceHandler {
  // GetTrustStore*'s Location is a pre-signed S3 URL in AWS; here it is a link served by this endpoint.
  const downloads = new Map<string, Buffer>();
  const location = (content: string | Buffer) => {
    const token = randomUUID();
    downloads.set(token, Buffer.from(content));
    return `${endpoint()}${CONTENT_PATH}${token}`;
  };

  const operations: Record<string, Operation> = {
    CreateTrustStore: async (p) => ({
      TrustStores: [trustStoreXml(await stores.create(required(p, "Name"), required(p, "CaCertificatesBundleS3Bucket"), required(p, "CaCertificatesBundleS3Key")))],
    }),
    ModifyTrustStore: async (p) => ({
      TrustStores: [trustStoreXml(await stores.modify(required(p, "TrustStoreArn"), required(p, "CaCertificatesBundleS3Bucket"), required(p, "CaCertificatesBundleS3Key")))],
    }),
    DeleteTrustStore: (p) => {
      stores.delete(required(p, "TrustStoreArn"));
      return {};
    },
    DescribeTrustStores: (p) => {
      const page = paginate(stores.describe(members(p, "TrustStoreArns"), members(p, "Names")), p);
      return { TrustStores: page.items.map(trustStoreXml), NextMarker: page.nextMarker };
    },
    GetTrustStoreCaCertificatesBundle: (p) => ({ Location: location(stores.bundleOf(required(p, "TrustStoreArn"))) }),
    AddTrustStoreRevocations: async (p) => {
      const arn = required(p, "TrustStoreArn");
      const added = await stores.addRevocations(arn, structMembers(p, "RevocationContents") as RevocationSource[]);
      return { TrustStoreRevocations: added.map((r) => revocationXml(arn, r)) };
    },
    RemoveTrustStoreRevocations: (p) => {
      stores.removeRevocations(required(p, "TrustStoreArn"), longMembers(p, "RevocationIds"));
      return {};
    },
    DescribeTrustStoreRevocations: (p) => {
      const arn = required(p, "TrustStoreArn");
      const page = paginate(stores.describeRevocations(arn, longMembers(p, "RevocationIds")), p);
      return { TrustStoreRevocations: page.items.map((r) => revocationXml(arn, r)), NextMarker: page.nextMarker };
    },
    GetTrustStoreRevocationContent: (p) => {
      const id = Number(required(p, "RevocationId"));
      return { Location: location(stores.revocationContent(required(p, "TrustStoreArn"), id)) };
    },
  };

  const isDownload = (req: ServiceRequest) => req.method === "GET" && req.url.startsWith(CONTENT_PATH);

  return {
    service: "elbv2",
    isPublic: isDownload,
    operationOf: (req) => new URLSearchParams(req.body.toString("utf8")).get("Action") ?? "(none)",
    async handle(req) {
      if (isDownload(req)) {
        const content = downloads.get(req.url.slice(CONTENT_PATH.length));
        return content ? { status: 200, headers: { "content-type": "application/octet-stream" }, body: content } : { status: 404, body: "" };
      }
      const params = new URLSearchParams(req.body.toString("utf8"));
      const action = params.get("Action") ?? "";
      try {
        if (req.method !== "POST") throw new AwsError("InvalidAction", "Use POST with a form-encoded body.");
        const operation = operations[action];
        if (!operation) throw new AwsError("InvalidAction", `The action ${action || "(none)"} is not valid for this web service.`);
        if (params.get("Version") !== "2015-12-01") throw new AwsError("InvalidParameterValue", `Version '${params.get("Version")}' is not 2015-12-01.`);
        const result = await operation(params);
        return resultResponse(action, result);
      } catch (e) {
        if (e instanceof AwsError) return errorResponse(e.status, e.status >= 500 ? "Receiver" : "Sender", e.code, e.message);
        throw e;
      }
    },
    faultResponse: (kind) =>
      kind === "throttle" ? errorResponse(400, "Sender", "Throttling", "Rate exceeded") : errorResponse(500, "Receiver", "InternalFailure", "The request processing has failed because of an unknown error."),
    unauthenticated: () => errorResponse(403, "Sender", "MissingAuthenticationToken", "Request is missing Authentication Token"),
  };
}

function trustStoreXml(s: TrustStoreState): XmlValue {
  return { Name: s.name, TrustStoreArn: s.arn, Status: s.status, NumberOfCaCertificates: s.numberOfCaCertificates, TotalRevokedEntries: s.totalRevokedEntries };
}

function revocationXml(arn: string, r: RevocationState): XmlValue {
  return { TrustStoreArn: arn, RevocationId: r.id, RevocationType: "CRL", NumberOfRevokedEntries: r.entries };
}

function resultResponse(action: string, result: XmlValue): ServiceResponse {
  const requestId = randomUUID();
  const inner = Object.entries(result as Record<string, XmlValue>).map(([k, v]) => toXml(k, v)).join("");
  const body = `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body };
}

function errorResponse(status: number, type: "Sender" | "Receiver", code: string, message: string): ServiceResponse {
  const requestId = randomUUID();
  const body = `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body };
}

// Query-protocol decoding: lists arrive as `Name.member.N`, structures as `Name.member.N.Field`.
function required(p: Params, name: string): string {
  const value = p.get(name);
  if (!value) throw new AwsError("ValidationError", `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  return value;
}

function members(p: Params, name: string): string[] {
  const found: [number, string][] = [];
  const re = new RegExp(`^${name}\\.member\\.(\\d+)$`);
  for (const [k, v] of p) {
    const m = re.exec(k);
    if (m) found.push([Number(m[1]), v]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

function longMembers(p: Params, name: string): number[] {
  return members(p, name).map((v) => {
    if (!/^\d+$/.test(v)) throw new AwsError("ValidationError", `${name} must be a list of integers, got '${v}'.`);
    return Number(v);
  });
}

function structMembers(p: Params, name: string): Record<string, string>[] {
  const found = new Map<number, Record<string, string>>();
  const re = new RegExp(`^${name}\\.member\\.(\\d+)\\.(\\w+)$`);
  for (const [k, v] of p) {
    const m = re.exec(k);
    if (m) found.set(Number(m[1]), { ...found.get(Number(m[1])), [m[2]]: v });
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** Marker is an opaque offset; PageSize is 1–400 as in the API reference. */
function paginate<T>(items: T[], p: Params): { items: T[]; nextMarker?: string } {
  const size = p.has("PageSize") ? Number(p.get("PageSize")) : 400;
  if (!Number.isInteger(size) || size < 1 || size > 400) throw new AwsError("ValidationError", "PageSize must be between 1 and 400.");
  const marker = p.get("Marker");
  const start = marker ? Number(Buffer.from(marker, "base64url").toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw new AwsError("ValidationError", `Marker '${marker}' is not valid.`);
  const end = start + size;
  return { items: items.slice(start, end), nextMarker: end < items.length ? Buffer.from(String(end)).toString("base64url") : undefined };
}
