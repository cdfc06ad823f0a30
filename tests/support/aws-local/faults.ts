// Fault injection shared by the three services, and the log of every call they saw.

export type ServiceName = "s3" | "elbv2" | "acm";
export type FaultKind = "http500" | "throttle" | "timeout" | "reset";

export interface FaultSpec {
  service: ServiceName;
  /** The AWS operation name ("AddTrustStoreRevocations", "PutObject", …); any operation when absent. */
  operation?: string;
  kind: FaultKind;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** "before": the operation is not applied; "after": it is applied and then the response is lost. */
  when?: "before" | "after";
  /** For "timeout": how long the response is held before the socket is dropped (default 3000 ms). */
  delayMs?: number;
}

export interface PendingFault extends Required<Omit<FaultSpec, "operation">> {
  operation?: string;
}

export interface CallRecord {
  service: ServiceName;
  operation: string;
  /** The HTTP status sent, or what happened to the connection instead. */
  status: number | "reset" | "timeout";
  fault?: FaultKind;
}

export class Faults {
  private queue: PendingFault[] = [];

  inject(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`faults.inject: times must be a positive integer, got ${spec.times}`);
    this.queue.push({ when: "before", delayMs: 3000, ...spec, times });
  }

  /** Consumes one use of the first fault matching this request, if any. */
  take(service: ServiceName, operation: string): PendingFault | undefined {
    const fault = this.queue.find((f) => f.service === service && (f.operation === undefined || f.operation === operation));
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times === 0) this.queue.splice(this.queue.indexOf(fault), 1);
    return { ...fault };
  }

  pending(): PendingFault[] {
    return this.queue.map((f) => ({ ...f }));
  }

  clear(): void {
    this.queue = [];
  }
}
