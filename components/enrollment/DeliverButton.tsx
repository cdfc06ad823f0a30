"use client";
import { useState } from "react";
import { refusalText, type EnrollmentMessages } from "@/lib/enrollment/messages";
import { DELIVERY_REFUSALS, type DeliveryRefusal, type Platform } from "@/lib/enrollment/types";
import { saveResponse } from "@/components/certificates/download";
import { Alert } from "@/components/ui/Alert";

/**
 * Desktop, Android and Mac: fetch the .p12 so a one-time password can be shown beside the
 * download. iPhone/iPad: a plain form post, so Safari hands the profile to Settings.
 */
export function DeliverButton(props: { ua: string; serial: string; platform: Platform; t: EnrollmentMessages["portal"] }) {
  const { t } = props;
  const url = `/${props.ua}/ua/deliver/${props.serial}?platform=${props.platform}`;
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ password?: string; signedOut: boolean; error?: string; signInAgain?: boolean }>();
  if (props.platform === "iphone") {
    return (
      <form method="post" action={url}>
        <button className="btn primary" type="submit" data-testid="ua-download">{t.download}</button>
      </form>
    );
  }
  async function deliver() {
    setPending(true);
    try {
      const response = await fetch(url, { method: "POST", headers: { accept: "application/json" } });
      if (!response.ok) {
        setResult({ signedOut: false, ...(await refusal(response, t)) });
        return;
      }
      const password = response.headers.get("x-inkan-pkcs12-password") ?? undefined;
      await saveResponse(response, `${props.serial}.p12`);
      // With import-once the server has ended the session: say so instead of re-rendering.
      const signedOut = response.headers.get("x-inkan-signed-out") === "1";
      setResult({ password, signedOut });
    } finally {
      setPending(false);
    }
  }
  if (result && !result.error) {
    return (
      <div data-testid="ua-delivered">
        {result.password ? <p>{t.oneTimePassword} <code className="mono" data-testid="ua-otp">{result.password}</code></p> : <p>{t.protectedWithLogin}</p>}
        {result.signedOut && <Alert kind="info" testId="ua-signed-out">{t.signedOut} <a href={`/${props.ua}/ua`}>{t.signIn}</a></Alert>}
      </div>
    );
  }
  return (
    <>
      {result?.error && (
        <Alert kind="error" testId="ua-deliver-error">
          {result.error} {result.signInAgain && <a href={`/${props.ua}/ua`}>{t.signIn}</a>}
        </Alert>
      )}
      <button type="button" className="btn primary" disabled={pending} onClick={deliver} data-testid="ua-import">{t.importCertificate}</button>
    </>
  );
}

/** The user's words for a refused delivery: the reason in their language, or the server's message. */
async function refusal(response: Response, t: EnrollmentMessages["portal"]): Promise<{ error: string; signInAgain?: boolean }> {
  const problem = (await response.json().catch(() => ({}))) as { code?: string; reason?: string; detail?: string };
  if (problem.code === "UNAUTHENTICATED") return { error: refusalText(t, "session-expired"), signInAgain: true };
  if ((DELIVERY_REFUSALS as readonly string[]).includes(problem.reason ?? "")) return { error: refusalText(t, problem.reason as DeliveryRefusal) };
  return { error: problem.detail ?? `HTTP ${response.status}` };
}
