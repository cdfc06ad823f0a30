import { createHmac } from "node:crypto";

export const SIGNATURE_HEADER = "x-inkan-signature";
export const TIMESTAMP_HEADER = "x-inkan-timestamp";

/**
 * `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. Signing the timestamp with the
 * body lets a receiver refuse replays of an old delivery (compare the timestamp with its clock).
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;
}

/** POSTs the JSON payload, signed; any answer but 2xx (or no answer within 10 s) is a failure. */
export async function postWebhook(
  config: { url: string; secret: string },
  payload: { id: string; type: string } & Record<string, unknown>,
  now: Date,
): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const response = await fetch(config.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Inkan-Alerts/1",
      "x-inkan-event": payload.type,
      "x-inkan-delivery": payload.id,
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: webhookSignature(config.secret, timestamp, body),
    },
    body,
    // A redirect could carry the signed alert elsewhere: the configured URL must answer itself.
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  });
  await response.body?.cancel();
  if (response.status < 200 || response.status > 299) throw new Error(`the webhook answered HTTP ${response.status}; expected 2xx`);
}
