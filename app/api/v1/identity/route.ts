import { identifyRequest } from "@/lib/mtls";
import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { assertSameOrigin, handle, json, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

// Who is the client behind these X-Amzn-Mtls-Clientcert-* headers (or this leaf PEM), and is
// the certificate valid right now? A read: every role may ask.
export const POST = handle(async (request: Request) => {
  assertSameOrigin(request);
  await requireActor(EVERYONE);
  return json(await identifyRequest(await readJson(request)));
});
