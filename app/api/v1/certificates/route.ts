import { z } from "zod";
import { certificateJson, getCertificate, issueFromCsr, issueWithServerKey, keyAlgorithmSchema, MAX_CSR_BYTES, parseCertificateSearch, searchCertificates } from "@/lib/ca";
import { requireActor } from "@/lib/auth/guard";
import { EVERYONE, STAFF } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { fieldErrors } from "@/lib/i18n/validation";
import { assertSameOrigin, handle, json, readJson } from "@/lib/http";
import type { KeyAlgorithm } from "@/lib/pki";

export const dynamic = "force-dynamic";

const body = z.union([
  z.object({ account: z.string().min(1), csr: z.string().min(1, "The csr field is empty.").max(MAX_CSR_BYTES * 2), ca: z.string().optional() }).strict(),
  z.object({ account: z.string().min(1), keyAlgorithm: keyAlgorithmSchema, ca: z.string().optional() }).strict(),
]);

export const POST = handle(async (request: Request) => {
  assertSameOrigin(request);
  const actor = await requireActor(STAFF);
  const parsed = body.safeParse(await readJson(request));
  if (!parsed.success) {
    throw new InkanError("VALIDATION", { en: 'Send { "account": "<name>", "csr": "<PEM>" } or { "account": "<name>", "keyAlgorithm": "RSA-2048" }.', ja: '{ "account": "<名前>", "csr": "<PEM>" } または { "account": "<名前>", "keyAlgorithm": "RSA-2048" } を送ってください。' }, {
      errors: fieldErrors(parsed.error.issues),
    });
  }
  const input = parsed.data;
  const cert = "csr" in input
    ? await issueFromCsr({ account: input.account, csr: input.csr, ca: input.ca }, actor)
    : await issueWithServerKey({ account: input.account, keyAlgorithm: input.keyAlgorithm as KeyAlgorithm, ca: input.ca }, actor);
  return json(certificateJson(await getCertificate(cert.serial, cert.caSlug)), 201);
});

/** GET /api/v1/certificates?q=&status=&ca=&template=&expiresAfter=&expiresBefore=&sort=&limit=&cursor= (keyset paging). */
export const GET = handle(async (request: Request) => {
  await requireActor(EVERYONE);
  const search = parseCertificateSearch(Object.fromEntries(new URL(request.url).searchParams));
  const page = await searchCertificates(search);
  return json({
    items: page.items.map((c) => ({ ...certificateJson(c), template: c.templateName })),
    nextCursor: page.nextCursor,
  });
});
