// Retries for AWS calls: throttling, 5xx and dropped connections are retried with exponential
// backoff and full jitter within a budget; everything else (a refused request) fails at once.

export interface RetryPolicy {
  /** Total attempts per call, the first included. */
  attempts: number;
  /** First backoff; doubles on each retry, capped by maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 250, maxDelayMs: 8_000 };

interface AwsLikeError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

const THROTTLING = new Set([
  "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
  "TooManyRequestsException", "SlowDown", "RequestLimitExceeded", "ProvisionedThroughputExceededException",
]);
const NETWORK = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "EAI_AGAIN", "TimeoutError", "RequestTimeout", "RequestTimeoutException"]);

/** The AWS error code as the service sent it ("TrustStoreNotFound", "SlowDown"), or the Node error code. */
export function awsErrorCode(err: unknown): string {
  const e = (err ?? {}) as AwsLikeError;
  const raw = e.Code ?? e.code ?? e.name ?? "Error";
  // The SDK names modelled errors "<Code>Exception"; the wire code lacks the suffix.
  return raw.endsWith("Exception") && !THROTTLING.has(raw) && !NETWORK.has(raw) ? raw.slice(0, -"Exception".length) : raw;
}

export function awsErrorMessage(err: unknown): string {
  const e = (err ?? {}) as AwsLikeError;
  return (e.message || String(err)).slice(0, 1000);
}

/** True for failures worth another attempt: throttling, 5xx, timeouts and dropped connections. */
export function isRetryable(err: unknown): boolean {
  const e = (err ?? {}) as AwsLikeError;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  if (THROTTLING.has(e.name ?? "") || THROTTLING.has(e.Code ?? "") || THROTTLING.has(e.code ?? "")) return true;
  if (NETWORK.has(e.code ?? "") || NETWORK.has(e.name ?? "")) return true;
  if (e.$retryable) return true;
  // A socket torn down before any response: the SDK reports no status at all.
  return status === undefined && /socket hang up|ECONNRESET|timed? ?out|aborted|EPIPE/i.test(e.message ?? "");
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call` until it succeeds, fails with a non-retryable error, or the attempts are spent.
 * `beforeRetry` runs before each retry: a non-idempotent call uses it to learn whether the
 * previous attempt took effect anyway (the response was lost), and may return a result.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  options: { sleep?: Sleep; beforeRetry?: (err: unknown) => Promise<T | undefined>; random?: () => number } = {},
): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) {
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 2));
      await sleep(Math.floor(random() * cap) + 1);
      if (options.beforeRetry) {
        const settled = await options.beforeRetry(lastError);
        if (settled !== undefined) return settled;
      }
    }
    try {
      return await call();
    } catch (err) {
      lastError = err;
      if (!isRetryable(err)) throw err;
    }
  }
  throw lastError;
}
