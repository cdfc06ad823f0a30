"use client";
import { useState, useTransition } from "react";
import { exportForAcmAction, importToAcmAction } from "@/lib/deploy/actions";
import { fill, type DeployMessages } from "@/lib/deploy/messages";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

function save(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/x-pem-file" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * For a server certificate whose key Inkan holds: "import into ACM" through a deploy target,
 * and the three PEMs (certificate, unencrypted key, chain) for download after the administrator
 * re-types their password. Mounted on the certificate page.
 */
export function AcmExportPanel({ serial, targets, t }: { serial: string; targets: string[]; t: DeployMessages["acm"] }) {
  const [pending, start] = useTransition();
  const [target, setTarget] = useState(targets[0] ?? "");
  const [result, setResult] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pems, setPems] = useState<{ certificate: string; privateKey: string; chain: string } | null>(null);
  const [password, setPassword] = useState("");
  return (
    <section className="panel" data-testid="acm-panel">
      <h2>{t.title}</h2>
      <p>{t.intro}</p>
      {targets.length === 0 ? <p className="empty">{t.noTargets}</p> : (
        <div className="row">
          <label htmlFor="acm-target">{t.target}</label>
          <select id="acm-target" value={target} onChange={(e) => setTarget(e.target.value)} data-testid="acm-target">
            {targets.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
          <button type="button" className="btn primary" disabled={pending || !target} data-testid="acm-import"
            onClick={() => start(async () => {
              const r = await importToAcmAction(serial, target);
              setResult(r.ok ? { kind: "ok", text: fill(r.data.reimported ? t.reimported : t.imported, { arn: r.data.certificateArn }) } : { kind: "error", text: r.error.message });
            })}>{t.import}</button>
        </div>
      )}
      {result && <Alert kind={result.kind} testId="acm-result">{result.text}</Alert>}
      <h3>{t.exportTitle}</h3>
      {!pems ? (
        <form onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await exportForAcmAction(serial, password);
            setPassword("");
            if (r.ok) setPems(r.data);
            else setResult({ kind: "error", text: r.error.message });
          });
        }}>
          <Field label={t.password} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="acm-password" />
          <button type="submit" className="btn" disabled={pending || password === ""} data-testid="acm-export">{t.export}</button>
        </form>
      ) : (
        <div data-testid="acm-pems">
          <Alert kind="info">{t.keyWarning}</Alert>
          {([["certificate", t.certificate, `${serial}.crt.pem`], ["privateKey", t.privateKey, `${serial}.key.pem`], ["chain", t.chain, `${serial}.chain.pem`]] as const).map(([key, label, file]) => (
            <div key={key} className="row">
              <span>{label}</span>
              <button type="button" className="btn" onClick={() => save(file, pems[key])} data-testid={`acm-download-${key}`}>{t.download}</button>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
