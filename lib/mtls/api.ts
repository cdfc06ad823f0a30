import { certificateJson } from "@/lib/ca";
import { InkanError } from "@/lib/errors";
import { fieldErrors } from "@/lib/i18n/validation";
import { identifyClient } from "./identify";
import { identityRequestSchema } from "./schema";
import type { ClientIdentity } from "./types";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The JSON shape of an identity in /api/v1/identity and the identity tool. */
export function identityJson(identity: ClientIdentity) {
  const { certificate, presented } = identity;
  return {
    status: identity.status,
    explanation: identity.explanation,
    account: identity.account,
    certificate: certificate
      ? certificateJson({ ...certificate, certificateDer: undefined })
      : null,
    revocation: identity.revocation && { reason: identity.revocation.reason, revokedAt: iso(identity.revocation.revokedAt) },
    authority: identity.authority,
    presented: { ...presented, notBefore: iso(presented.notBefore), notAfter: iso(presented.notAfter) },
    checkedAt: identity.checkedAt.toISOString(),
  };
}

export type ClientIdentityJson = ReturnType<typeof identityJson>;

/** POST /api/v1/identity: `{ headers: {...} }` or `{ leafPem }` → the identity as JSON. */
export async function identifyRequest(body: unknown, now = new Date()): Promise<ClientIdentityJson> {
  const parsed = identityRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new InkanError("VALIDATION", {
      en: 'Send { "headers": { "X-Amzn-Mtls-Clientcert-Leaf": "...", ... } } with the headers as the load balancer sent them, or { "leafPem": "-----BEGIN CERTIFICATE-----..." }.',
      ja: 'ロードバランサが送ったヘッダーを { "headers": { "X-Amzn-Mtls-Clientcert-Leaf": "...", ... } } として、または { "leafPem": "-----BEGIN CERTIFICATE-----..." } を送ってください。',
    }, { errors: fieldErrors(parsed.error.issues) });
  }
  return identityJson(await identifyClient(parsed.data, now));
}
