import { describe, expect, it } from "vitest";
import { InkanError } from "@/lib/errors";
import { parsePastedIdentity } from "./paste";

// The seed's demo page (§6.2, Safari), as printed.
const SEED_SAFARI = `Welcome!
Request Header
• x-amzn-mtls-clientcert-serial-number: [redacted]
• x-amzn-mtls-clientcert-issuer: O=[redacted], DC=[redacted]
• x-amzn-mtls-clientcert-subject: DC=[redacted], O=[redacted], CN=[redacted]
• x-amzn-mtls-clientcert-validity: NotBefore: 2026-01-13T08:39:47Z, NotAfter: 2026-03-31T08:39:47Z
• x-amzn-mtls-clientcert-leaf: -----BEGIN%20CERTIFICATE-----
-----END%20CERTIFICATE-----%3d0A
• x-forwarded-for: [redacted]
• x-forwarded-proto: https
• host: [redacted]
• x-amzn-trace-id: Root=1-696846a4-380e608d08c9dec944cc5d8d
• accept-language: ja`;

// The same page in Edge (§7): no colon after the X-Amzn-Mtls names, the serial blank.
const SEED_EDGE = `Welcome!
Request Header
• x-amzn-mtls-clientcert-serial-number
• x-amzn-mtls-clientcert-issuer Jcch Security Solution Systems Co., Ltd jcch-sss.com EVALUATION CA
• x-amzn-mtls-clientcert-validity NotBefore=2026-01-13T08:39:47Z;NotAfter=2026-03-31T08:39:47Z
• x-amzn-mtls-clientcert-leaf -----BEGIN%20CERTIFICATE-----
-----END%20CERTIFICATE-----%0A
• x-forwarded-proto: https
• sec-ch-ua: "Microsoft Edge";v="143", "Chromium";v="143", "Not A(Brand";v="24"`;

function validationError(text: string): InkanError {
  try {
    parsePastedIdentity(text);
  } catch (err) {
    if (err instanceof InkanError) return err;
    throw err;
  }
  throw new Error("expected an InkanError");
}

describe("parsePastedIdentity", () => {
  it("reads the seed's demo output: only the X-Amzn-Mtls headers, the wrapped leaf joined", () => {
    expect(parsePastedIdentity(SEED_SAFARI)).toEqual({
      headers: {
        "x-amzn-mtls-clientcert-serial-number": "[redacted]",
        "x-amzn-mtls-clientcert-issuer": "O=[redacted], DC=[redacted]",
        "x-amzn-mtls-clientcert-subject": "DC=[redacted], O=[redacted], CN=[redacted]",
        "x-amzn-mtls-clientcert-validity": "NotBefore: 2026-01-13T08:39:47Z, NotAfter: 2026-03-31T08:39:47Z",
        "x-amzn-mtls-clientcert-leaf": "-----BEGIN%20CERTIFICATE-----\n-----END%20CERTIFICATE-----%3d0A",
      },
    });
  });

  it("reads the Edge rendering, where the names are followed by a space and the serial is blank", () => {
    expect(parsePastedIdentity(SEED_EDGE)).toEqual({
      headers: {
        "x-amzn-mtls-clientcert-serial-number": "",
        "x-amzn-mtls-clientcert-issuer": "Jcch Security Solution Systems Co., Ltd jcch-sss.com EVALUATION CA",
        "x-amzn-mtls-clientcert-validity": "NotBefore=2026-01-13T08:39:47Z;NotAfter=2026-03-31T08:39:47Z",
        "x-amzn-mtls-clientcert-leaf": "-----BEGIN%20CERTIFICATE-----\n-----END%20CERTIFICATE-----%0A",
      },
    });
  });

  it("reads raw HTTP headers and the demo app's <li> source", () => {
    const raw = "GET / HTTP/1.1\r\nHost: app\r\nX-Amzn-Mtls-Clientcert-Serial-Number: 4F3A\r\nX-Amzn-Mtls-Clientcert-Issuer: CN=Inkan Issuing CA ia1,O=Inkan\r\n";
    expect(parsePastedIdentity(raw)).toEqual({ headers: { "x-amzn-mtls-clientcert-serial-number": "4F3A", "x-amzn-mtls-clientcert-issuer": "CN=Inkan Issuing CA ia1,O=Inkan" } });
    expect(parsePastedIdentity("<ul>\n<li>x-amzn-mtls-clientcert-serial-number: 4F3A</li>\n</ul>")).toEqual({ headers: { "x-amzn-mtls-clientcert-serial-number": "4F3A" } });
  });

  it("reads the API's JSON body and a plain JSON object of headers", () => {
    expect(parsePastedIdentity('{"leafPem": "-----BEGIN CERTIFICATE-----"}')).toEqual({ leafPem: "-----BEGIN CERTIFICATE-----" });
    expect(parsePastedIdentity('{"headers": {"X-Amzn-Mtls-Clientcert-Serial-Number": "4F3A"}}')).toEqual({ headers: { "X-Amzn-Mtls-Clientcert-Serial-Number": "4F3A" } });
    expect(parsePastedIdentity('{"X-Amzn-Mtls-Clientcert-Serial-Number": "4F3A"}')).toEqual({ headers: { "X-Amzn-Mtls-Clientcert-Serial-Number": "4F3A" } });
  });

  it("takes the certificate from nginx's or Apache's X-SSL-Client-Cert header, or a pasted PEM", () => {
    expect(parsePastedIdentity("x-ssl-client-verify: SUCCESS\nx-ssl-client-cert: -----BEGIN%20CERTIFICATE-----%0AMIIB%0A-----END%20CERTIFICATE-----%0A")).toEqual({
      leafPem: "-----BEGIN%20CERTIFICATE-----%0AMIIB%0A-----END%20CERTIFICATE-----%0A",
    });
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB+/==\n-----END CERTIFICATE-----";
    expect(parsePastedIdentity(`\n${pem}\n`)).toEqual({ leafPem: pem });
  });

  it.each([
    ["blank text", "  \n ", /^Paste the request headers/],
    ["unrelated headers", "Host: app\nAccept: */*", /^No X-Amzn-Mtls-Clientcert header, X-SSL-Client-Cert header or PEM certificate was found/],
    ["broken JSON", "{ headers: ", /not valid JSON/],
    ["JSON of another shape", '{"headers": 5}', /^Paste JSON as/],
  ])("refuses %s", (_name, text, message) => {
    const err = validationError(text);
    expect(err.code).toBe("VALIDATION");
    expect(err.message).toMatch(message);
  });
});
