import { exportPkcs12, serialSchema } from "@/lib/ca";
import { requireActor } from "@/lib/auth/guard";
import { STAFF } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";
import { assertSameOrigin, fileResponse, handle, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST, not GET: the password travels in the body, never in a URL or a log line. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ serial: string }> }) => {
  assertSameOrigin(request);
  const actor = await requireActor(STAFF);
  const serial = serialSchema.safeParse((await params).serial);
  if (!serial.success) throw new InkanError("VALIDATION", issueText(serial.error.issues[0].message));
  const body = await readJson(request, 16 * 1024);
  const encryption = body.encryption === "aes256" ? "aes256" : body.encryption === undefined || body.encryption === "legacy" ? "legacy" : null;
  if (!encryption) throw new InkanError("VALIDATION", { en: 'encryption is "legacy" (default, 3DES/SHA-1 MAC) or "aes256".', ja: 'encryption は "legacy"(既定、3DES/SHA-1 MAC)か "aes256" です。' });
  const file = await exportPkcs12({ serial: serial.data, password: String(body.password ?? ""), encryption, ca: typeof body.ca === "string" ? body.ca : undefined }, actor);
  return fileResponse(file);
});
