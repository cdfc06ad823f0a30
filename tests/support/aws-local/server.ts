// One small HTTP server per service. It does what every AWS endpoint does before the
// operation runs: require a SigV4 Authorization header (never validated: any key is accepted),
// name the operation, and apply any injected fault.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { CallRecord, Faults, FaultKind, ServiceName } from "./faults";

export interface ServiceRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface ServiceResponse {
  status: number;
  headers?: Record<string, string | number | string[]>;
  body?: string | Buffer;
}

export interface ServiceHandler {
  service: ServiceName;
  /** Requests that need no signature (the pre-signed download links ELBv2 hands out). */
  isPublic?(req: ServiceRequest): boolean;
  /** The AWS operation name, used for fault matching and the call log. */
  operationOf(req: ServiceRequest): string;
  handle(req: ServiceRequest): Promise<ServiceResponse>;
  /** The service's own error shape for a server fault or throttling. */
  faultResponse(kind: "http500" | "throttle"): ServiceResponse;
  unauthenticated(): ServiceResponse;
}

export interface RunningService {
  endpoint: string;
  close(): Promise<void>;
}

export async function startService(handler: ServiceHandler, faults: Faults, calls: CallRecord[]): Promise<RunningService> {
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request: ServiceRequest = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks) };
      respond(request, res).catch((err: unknown) => {
        // A bug in the fake must be loud, not look like an AWS error the client might retry.
        console.error(`[aws-local ${handler.service}]`, err);
        if (!res.headersSent) res.writeHead(599, { "content-type": "text/plain" });
        res.end(`aws-local ${handler.service} crashed: ${String(err)}`);
      });
    });
  });

  async function respond(req: ServiceRequest, res: http.ServerResponse): Promise<void> {
    if (handler.isPublic?.(req)) return send(res, await handler.handle(req));
    const operation = handler.operationOf(req);
    const log = (status: CallRecord["status"], fault?: FaultKind) => calls.push({ service: handler.service, operation, status, fault });
    if (!req.headers.authorization) {
      const r = handler.unauthenticated();
      log(r.status);
      return send(res, r);
    }
    const fault = faults.take(handler.service, operation);
    if (fault?.when === "after") await handler.handle(req);
    if (!fault) {
      const r = await handler.handle(req);
      log(r.status);
      return send(res, r);
    }
    switch (fault.kind) {
      case "reset":
        log("reset", fault.kind);
        res.socket?.destroy();
        return;
      case "timeout": {
        log("timeout", fault.kind);
        const timer = setTimeout(() => {
          timers.delete(timer);
          res.socket?.destroy();
        }, fault.delayMs);
        timers.add(timer);
        return;
      }
      default: {
        const r = handler.faultResponse(fault.kind);
        log(r.status, fault.kind);
        return send(res, r);
      }
    }
  }

  // Like AWS front ends, keep idle connections for a minute: with Node's 5 s default a client
  // that pauses (a test generating keys synchronously) races the close and sees ECONNRESET.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: http.ServerResponse, r: ServiceResponse): void {
  const body = r.body ?? "";
  const headers = { ...r.headers };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-length")) headers["content-length"] = Buffer.byteLength(body);
  res.writeHead(r.status, headers);
  res.end(body);
}
