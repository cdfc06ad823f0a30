import { describe, expect, it } from "vitest";
import { awsErrorCode, isRetryable, withRetry } from "./retry";

const awsError = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe("AWS call retries", () => {
  it("classifies throttling, 5xx and dropped sockets as retryable, refusals as final", () => {
    expect(isRetryable(awsError("Throttling", 400))).toBe(true);
    expect(isRetryable(awsError("SlowDown", 503))).toBe(true);
    expect(isRetryable(awsError("InternalFailure", 500))).toBe(true);
    expect(isRetryable(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toBe(true);
    expect(isRetryable(awsError("TrustStoreNotFoundException", 400))).toBe(false);
    expect(isRetryable(awsError("InvalidRevocationContentException", 400))).toBe(false);
  });

  it("reports the wire error code", () => {
    expect(awsErrorCode(awsError("TrustStoreNotFoundException", 400))).toBe("TrustStoreNotFound");
    expect(awsErrorCode(awsError("Throttling", 400))).toBe("Throttling");
  });

  it("backs off exponentially within the budget, then gives up with the last error", async () => {
    const delays: number[] = [];
    let calls = 0;
    const work = withRetry(async () => { calls++; throw awsError("Throttling", 400); }, { attempts: 4, baseDelayMs: 100, maxDelayMs: 250 }, { sleep: async (ms) => { delays.push(ms); }, random: () => 0.999 });
    await expect(work).rejects.toThrow("Throttling");
    expect(calls).toBe(4);
    expect(delays).toEqual([100, 200, 250]);
  });

  it("stops at once on a refusal, and lets beforeRetry settle a call whose answer was lost", async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw awsError("RevocationIdNotFoundException", 400); }, { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 })).rejects.toThrow();
    expect(calls).toBe(1);
    const settled = await withRetry<number>(async () => { throw awsError("InternalFailure", 500); }, { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 }, { beforeRetry: async () => 42 });
    expect(settled).toBe(42);
  });
});
