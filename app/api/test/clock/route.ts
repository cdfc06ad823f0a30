import { testClockEnabled } from "@/lib/clock";
import { advanceUaClock } from "@/lib/enrollment";
import { requireActor } from "@/lib/auth/guard";
import { ADMIN_ONLY } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { assertSameOrigin, handle, json, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

// End-to-end tests only: moves one UA's clock forward so a download window expires without
// sleeping. Without INKAN_TEST_CLOCK=on (which needs a loopback public URL) it does not exist.
export const POST = handle(async (request: Request) => {
  if (!testClockEnabled()) throw new InkanError("NOT_FOUND", { en: "Not found.", ja: "見つかりません。" });
  assertSameOrigin(request);
  const actor = await requireActor(ADMIN_ONLY);
  return json(await advanceUaClock(await readJson(request), actor));
});
