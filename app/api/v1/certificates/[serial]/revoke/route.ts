import { certificateJson, getCertificate, revocationReasonSchema, revokeCertificate, serialSchema } from "@/lib/ca";
import { requireActor } from "@/lib/auth/guard";
import { STAFF } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";
import { assertSameOrigin, handle, json, readJson } from "@/lib/http";
import type { RevocationReason } from "@/lib/pki";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: Request, { params }: { params: Promise<{ serial: string }> }) => {
  assertSameOrigin(request);
  const actor = await requireActor(STAFF);
  const serial = serialSchema.safeParse((await params).serial);
  if (!serial.success) throw new InkanError("VALIDATION", issueText(serial.error.issues[0].message));
  const body = await readJson(request);
  const reason = revocationReasonSchema.safeParse(body.reason ?? "unspecified");
  if (!reason.success) throw new InkanError("VALIDATION", issueText(reason.error.issues[0].message));
  const ca = typeof body.ca === "string" ? body.ca : undefined;
  const cert = await revokeCertificate({ serial: serial.data, reason: reason.data as RevocationReason, ca }, actor);
  return json(certificateJson(await getCertificate(cert.serial, cert.caSlug)));
});
