import { fill, type EnrollmentMessages } from "@/lib/enrollment/messages";
import type { CertificateStore, Platform } from "@/lib/enrollment/types";

/**
 * The numbered import steps for the user's platform (seed 000 §4.1/§6.1, seed 002 Step 3),
 * naming the password that opens the file: the login password when the UA protects files
 * with it, otherwise the one-time password the page shows after the download.
 */
export function ImportSteps(props: { platform: Platform; t: EnrollmentMessages["portal"]; protectWithLoginPassword: boolean; certificateStore: CertificateStore }) {
  const { t, platform } = props;
  const values = {
    password: props.protectWithLoginPassword ? t.passwordLogin : t.passwordOneTime,
    iphonePassword: props.protectWithLoginPassword ? t.iphonePasswordLogin : t.iphonePasswordEmbedded,
    store: props.certificateStore === "MACHINE" ? t.storeMachine : t.storeUser,
  };
  const steps = { windows: t.windowsSteps, iphone: t.iphoneSteps, android: t.androidSteps, mac: t.macSteps }[platform];
  const hints = { windows: [], iphone: [], android: [t.androidHint, t.androidNewer], mac: [t.macHint] }[platform];
  return (
    <>
      <h2>{t.stepsTitle[platform]}</h2>
      <ol data-testid="ua-steps">
        {steps.map((step, i) => <li key={i}>{fill(step, values)}</li>)}
      </ol>
      {hints.map((hint, i) => <p key={i} className="help" data-testid="ua-steps-hint">{hint}</p>)}
    </>
  );
}
