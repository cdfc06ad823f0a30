"use client";
import { useState, useTransition } from "react";
import type { Messages } from "@/lib/i18n";
import type { ClientIdentityJson } from "@/lib/mtls/api";
import { identifyPastedAction } from "@/lib/mtls/actions";
import { Alert } from "@/components/ui/Alert";
import { IdentityResult } from "./IdentityResult";

const PLACEHOLDER = `X-Amzn-Mtls-Clientcert-Serial-Number: 4F3A…
X-Amzn-Mtls-Clientcert-Issuer: CN=Inkan Issuing CA ia1,O=Inkan
X-Amzn-Mtls-Clientcert-Subject: CN=alice
X-Amzn-Mtls-Clientcert-Validity: NotBefore=2026-01-13T08:39:47Z;NotAfter=2027-01-13T08:39:47Z
X-Amzn-Mtls-Clientcert-Leaf: -----BEGIN%20CERTIFICATE-----%0AMII…`;

/** The identity tool: paste what the application received, see who the client is. */
export function IdentityTool({ t }: { t: Messages }) {
  const [text, setText] = useState("");
  const [identity, setIdentity] = useState<ClientIdentityJson>();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <>
      <form
        className="panel"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const result = await identifyPastedAction(text);
            setIdentity(result.ok ? result.data : undefined);
            setError(result.ok ? undefined : result.error.message);
          });
        }}
      >
        <div className="field">
          <label htmlFor="mtls-paste">{t.mtls.paste}</label>
          <textarea id="mtls-paste" data-testid="mtls-paste" value={text} onChange={(e) => setText(e.target.value)} placeholder={PLACEHOLDER} rows={12} spellCheck={false} className="mono" />
        </div>
        <button type="submit" className="btn primary" disabled={pending || text.trim() === ""} data-testid="mtls-identify">{pending ? t.common.working : t.mtls.identify}</button>
      </form>
      {error && <Alert kind="error" testId="mtls-error">{error}</Alert>}
      {identity && <IdentityResult identity={identity} t={t} />}
    </>
  );
}
