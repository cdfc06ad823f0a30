// identifyClient and POST /api/v1/identity's core against real databases: ALB headers (verify
// and passthrough), headers without the leaf, nginx's escaped PEM, and every status.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import { TEST_ACTOR, createTestAuthority, expectInkanError, opensslOk, useServiceEnvironment } from "../helpers/services";
import { createAccount } from "../../lib/accounts";
import { findAuthorityCertificate, getCertificate, issueWithServerKey, revokeCertificate } from "../../lib/ca";
import { identifyClient, identifyRequest, parsePastedIdentity } from "../../lib/mtls";
import { PEM_LABEL, parseCertificate, toPem } from "../../lib/pki";

const env = useServiceEnvironment();
const DAY = 86_400_000;

/** What ALB sends for a certificate: hex serial, RFC 2253 names, AWS validity, URL-encoded PEM with +=/ kept. */
function albHeaders(der: Buffer): Record<string, string> {
  const info = parseCertificate(der);
  const time = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    "X-Amzn-Mtls-Clientcert-Serial-Number": info.serialHex.toUpperCase(),
    "X-Amzn-Mtls-Clientcert-Issuer": info.issuerString,
    "X-Amzn-Mtls-Clientcert-Subject": info.subjectString,
    "X-Amzn-Mtls-Clientcert-Validity": `NotBefore=${time(info.notBefore)};NotAfter=${time(info.notAfter)}`,
    "X-Amzn-Mtls-Clientcert-Leaf": albEncode(toPem(PEM_LABEL.CERTIFICATE, der)),
  };
}

function albEncode(pem: string): string {
  return encodeURIComponent(pem).replace(/%2B/g, "+").replace(/%3D/g, "=").replace(/%2F/g, "/");
}

describe.each(PROVIDERS)("client identity on %s", (provider) => {
  const t = withTestDatabase(provider);
  let alice: { serial: string; der: Buffer };
  let caPem: string;

  beforeAll(async () => {
    await t.reset();
    await createTestAuthority();
    await createTestAuthority({ slug: "ia2" });
    await createAccount({ kind: "user", name: "alice", displayName: "Alice", email: "alice@example.test" }, TEST_ACTOR);
    await createAccount({ kind: "user", name: "carol", email: "carol@example.test" }, TEST_ACTOR);
    const cert = await issueWithServerKey({ account: "alice", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
    alice = { serial: cert.serial, der: (await getCertificate(cert.serial)).certificateDer };
    caPem = toPem(PEM_LABEL.CERTIFICATE, (await findAuthorityCertificate("ia1"))!);
  });

  it("ALB verify-mode headers of an Inkan certificate name the account, the certificate and 'valid'", async () => {
    const identity = await identifyClient({ headers: albHeaders(alice.der) });
    expect(identity).toMatchObject({
      status: "valid",
      authority: { slug: "ia1", subject: "CN=Inkan Test CA ia1,O=Inkan Tests" },
      account: { name: "alice", kind: "USER", displayName: "Alice", email: "alice@example.test", status: "ACTIVE" },
      certificate: { serial: alice.serial, caSlug: "ia1", status: "ISSUED" },
      revocation: null,
      presented: { source: "alb-verify", serial: alice.serial, subject: "CN=alice", issuer: "CN=Inkan Test CA ia1,O=Inkan Tests" },
    });
  });

  it("the headers alone (no leaf) identify the certificate too, and must agree with Inkan's record", async () => {
    const { "X-Amzn-Mtls-Clientcert-Leaf": _leaf, ...headers } = albHeaders(alice.der);
    expect(await identifyClient({ headers })).toMatchObject({ status: "valid", account: { name: "alice" }, presented: { sha256: null } });
    const other = await identifyClient({ headers: { ...headers, "X-Amzn-Mtls-Clientcert-Subject": "CN=carol" } });
    expect(other.status).toBe("unknown");
    expect(other.explanation).toMatch(/^CA ia1 issued serial [0-9a-f]+ to a different certificate \(subject "CN=alice"\)/);
  });

  it("passthrough mode's X-Amzn-Mtls-Clientcert chain and nginx's escaped PEM identify the same client", async () => {
    const chain = albEncode(toPem(PEM_LABEL.CERTIFICATE, alice.der) + caPem);
    expect(await identifyClient({ headers: { "x-amzn-mtls-clientcert": chain } })).toMatchObject({ status: "valid", presented: { source: "alb-passthrough" } });
    const nginxEscaped = encodeURIComponent(toPem(PEM_LABEL.CERTIFICATE, alice.der));
    expect(await identifyClient({ leafPem: nginxEscaped })).toMatchObject({ status: "valid", presented: { source: "pem" }, account: { name: "alice" } });
  });

  it("an expired certificate is 'expired', and one checked before its start 'not-yet-valid'", async () => {
    const old = await issueWithServerKey({ account: "carol", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR, new Date(Date.now() - 400 * DAY));
    const der = (await getCertificate(old.serial)).certificateDer;
    expect(await identifyClient({ headers: albHeaders(der) })).toMatchObject({ status: "expired", account: { name: "carol" } });
    expect((await identifyClient({ headers: albHeaders(alice.der) }, new Date(Date.now() - DAY))).status).toBe("not-yet-valid");
  });

  it("a serial the CA never issued is 'unknown'; a certificate of Inkan's second CA names that CA", async () => {
    const { "X-Amzn-Mtls-Clientcert-Leaf": _leaf, "X-Amzn-Mtls-Clientcert-Subject": _s, ...headers } = albHeaders(alice.der);
    const unknown = await identifyClient({ headers: { ...headers, "X-Amzn-Mtls-Clientcert-Serial-Number": "7ABCDEF0123456789ABCDEF012345678" } });
    expect(unknown).toMatchObject({ status: "unknown", authority: { slug: "ia1" }, account: null, certificate: null });
    expect(unknown.explanation).toBe("CA ia1 has no certificate with serial 7abcdef0123456789abcdef012345678.");

    const fromIa2 = await issueWithServerKey({ account: "carol", keyAlgorithm: "ECDSA-P256", ca: "ia2" }, TEST_ACTOR);
    const der = (await getCertificate(fromIa2.serial)).certificateDer;
    expect(await identifyClient({ headers: albHeaders(der) })).toMatchObject({ status: "valid", authority: { slug: "ia2" }, account: { name: "carol" } });
  });

  it("a certificate from a CA outside Inkan is 'foreign'", async () => {
    const dir = env.scratch;
    const f = (name: string) => path.join(dir, `${provider}-${name}`);
    opensslOk(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", f("key"), "-out", f("crt"), "-subj", "/O=Elsewhere/CN=Someone Else's CA", "-days", "30"]);
    const identity = await identifyClient({ leafPem: opensslOk(["x509", "-in", f("crt")]) });
    expect(identity).toMatchObject({ status: "foreign", authority: null, account: null });
    expect(identity.explanation).toBe(`Issued by "CN=Someone Else's CA,O=Elsewhere", which is not a CA of this Inkan.`);
  });

  it("a revoked certificate is 'revoked' with its reason and time", async () => {
    const cert = await issueWithServerKey({ account: "alice", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
    const der = (await getCertificate(cert.serial)).certificateDer;
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    await revokeCertificate({ serial: cert.serial, reason: "affiliationChanged" }, TEST_ACTOR, at);
    const identity = await identifyClient({ headers: albHeaders(der) });
    expect(identity).toMatchObject({ status: "revoked", revocation: { reason: "affiliationChanged", revokedAt: at }, account: { name: "alice" } });
  });

  describe("the API's request handling", () => {
    it("answers JSON with ISO dates and the certificate without its PEM", async () => {
      const body = await identifyRequest({ headers: albHeaders(alice.der) });
      expect(body).toMatchObject({
        status: "valid",
        account: { name: "alice" },
        certificate: { serial: alice.serial, ca: "ia1", status: "ISSUED", revokedAt: null },
        presented: { source: "alb-verify", notBefore: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
        checkedAt: expect.stringMatching(/Z$/),
      });
      expect(body.certificate).not.toHaveProperty("certificate");
      expect(JSON.parse(JSON.stringify(body))).toEqual(body);
    });

    it("refuses a body that is neither { headers } nor { leafPem }", async () => {
      await expectInkanError(identifyRequest({}), "VALIDATION", /^Send \{ "headers"/);
      await expectInkanError(identifyRequest({ leafPem: "x", headers: {} }), "VALIDATION", /^Send \{ "headers"/);
    });

    it("refuses headers that contradict their leaf (422) and a body without mTLS headers (400)", async () => {
      const headers = { ...albHeaders(alice.der), "X-Amzn-Mtls-Clientcert-Subject": "CN=carol" };
      await expectInkanError(identifyRequest({ headers }), "UNPROCESSABLE", /^X-Amzn-Mtls-Clientcert-Subject says "CN=carol" but the leaf certificate's subject is "CN=alice"\.$/);
      await expectInkanError(identifyRequest({ headers: { host: "app" } }), "VALIDATION", /^No X-Amzn-Mtls-Clientcert headers were found/);
    });

    it("the seed's demo output pasted as is is refused, naming its redacted serial and leaf", async () => {
      const pasted = parsePastedIdentity([
        "• x-amzn-mtls-clientcert-serial-number: [redacted]",
        "• x-amzn-mtls-clientcert-issuer: O=[redacted], DC=[redacted]",
        "• x-amzn-mtls-clientcert-subject: DC=[redacted], O=[redacted], CN=[redacted]",
        "• x-amzn-mtls-clientcert-validity: NotBefore: 2026-01-13T08:39:47Z, NotAfter: 2026-03-31T08:39:47Z",
        "• x-amzn-mtls-clientcert-leaf: -----BEGIN%20CERTIFICATE-----",
        "-----END%20CERTIFICATE-----%3d0A",
      ].join("\n"));
      await expectInkanError(identifyClient(pasted), "UNPROCESSABLE", /^The client-certificate headers have 2 problems: \(1\) X-Amzn-Mtls-Clientcert-Serial-Number .* \(2\) X-Amzn-Mtls-Clientcert-Leaf: The CERTIFICATE PEM block is empty\.$/);
    });
  });
});
