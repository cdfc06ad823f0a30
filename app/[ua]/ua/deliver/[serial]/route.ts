import { serialSchema } from "@/lib/ca";
import { handleDeliveryRequest } from "@/lib/enrollment/http";
import { problemResponse } from "@/lib/http";
import { InkanError } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";

export const dynamic = "force-dynamic";

/** POST only: a delivery changes state (import-once, download window), so no GET. */
export async function POST(request: Request, { params }: { params: Promise<{ ua: string; serial: string }> }): Promise<Response> {
  const { ua, serial } = await params;
  const parsed = serialSchema.safeParse(serial);
  if (!parsed.success) return problemResponse(new InkanError("VALIDATION", issueText(parsed.error.issues[0].message)));
  return handleDeliveryRequest(request, ua, parsed.data);
}
