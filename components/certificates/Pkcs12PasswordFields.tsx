import type { Messages } from "@/lib/i18n";
import { Field } from "@/components/ui/Field";

export function Pkcs12PasswordFields({ t }: { t: Messages["account"] }) {
  return (
    <>
      <Field label={t.p12Password} name="password" type="password" autoComplete="new-password" minLength={8} required />
      <Field label={t.p12PasswordConfirm} name="confirm" type="password" autoComplete="new-password" minLength={8} required />
      <div className="field">
        <label htmlFor="p12-encryption">{t.encryption}</label>
        <select id="p12-encryption" name="encryption" defaultValue="legacy">
          <option value="legacy">{t.legacy}</option>
          <option value="aes256">{t.aes256}</option>
        </select>
      </div>
    </>
  );
}

/** Fetches the PKCS#12 for a certificate; the password travels only in this POST body. */
export function requestPkcs12(serial: string, password: string, encryption: string): Promise<Response> {
  return fetch(`/api/v1/certificates/${serial}/pkcs12`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password, encryption }),
  });
}
