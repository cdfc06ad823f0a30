import { downloadCertificate, serialSchema, type CertificateFormat } from "@/lib/ca";
import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";
import { fileResponse, handle } from "@/lib/http";

export const dynamic = "force-dynamic";

const FORMATS: CertificateFormat[] = ["pem", "der", "chain"];

export const GET = handle(async (request: Request, { params }: { params: Promise<{ serial: string }> }) => {
  const actor = await requireActor(EVERYONE);
  const serial = serialSchema.safeParse((await params).serial);
  if (!serial.success) throw new InkanError("VALIDATION", issueText(serial.error.issues[0].message));
  const url = new URL(request.url);
  const format = (url.searchParams.get("format") ?? "pem") as CertificateFormat;
  if (!FORMATS.includes(format)) throw new InkanError("VALIDATION", { en: "format is pem, der or chain.", ja: "format は pem、der、chain のいずれかです。" });
  return fileResponse(await downloadCertificate({ serial: serial.data, format, ca: url.searchParams.get("ca") ?? undefined }, actor));
});
