import { certificateJson, getCertificate, serialSchema } from "@/lib/ca";
import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";
import { handle, json } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request, { params }: { params: Promise<{ serial: string }> }) => {
  await requireActor(EVERYONE);
  const serial = serialSchema.safeParse((await params).serial);
  if (!serial.success) throw new InkanError("VALIDATION", issueText(serial.error.issues[0].message));
  const ca = new URL(request.url).searchParams.get("ca") ?? undefined;
  return json(certificateJson(await getCertificate(serial.data, ca)));
});
