// Issuing CAs beyond ia1: a second root (ia2) with its own serial space and CRL, and an
// intermediate signed by ia1, judged by OpenSSL (chain, CRLs of both levels, revocation of
// the intermediate in its parent's CRL), on SQLite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, withTestDatabase } from "../helpers/database";
import {
  TEST_ACTOR, auditEvents, createTestAuthority, expectInkanError, makeCsr, openssl, opensslOk, sha256, useServiceEnvironment, writeTemp,
} from "../helpers/services";
import { createAccount } from "../../lib/accounts";
import {
  createAuthority, currentCrl, distributionFile, downloadCertificate, findAuthorityCertificate, getCertificate, issueFromCsr,
  refreshDueCrls, revokeAuthority, revokeCertificate,
} from "../../lib/ca";
import { parseCertificate, parseCrl, toPem, PEM_LABEL, fromPemAll } from "../../lib/pki";

const env = useServiceEnvironment();
const ACCOUNT = "erin";

async function caPem(slug: string): Promise<string> {
  const der = await findAuthorityCertificate(slug);
  if (!der) throw new Error(`no CA ${slug}`);
  return toPem(PEM_LABEL.CERTIFICATE, der);
}

async function crlPem(slug: string): Promise<string> {
  const crl = await currentCrl(slug);
  if (!crl) throw new Error(`no CRL for ${slug}`);
  return toPem(PEM_LABEL.X509_CRL, crl.der);
}

/** Writes a file named by its content, so repeated calls never clash. */
function file(name: string, content: string | Buffer): string {
  return writeTemp(env.scratch, `${sha256(content).slice(0, 12)}-${name}`, content);
}

async function issueLeaf(ca: string) {
  const cert = await issueFromCsr({ account: ACCOUNT, csr: makeCsr("p256").pem, ca }, TEST_ACTOR);
  return { cert, pem: toPem(PEM_LABEL.CERTIFICATE, (await getCertificate(cert.serial, ca)).certificateDer) };
}

/** openssl verify -x509_strict through the intermediate, optionally with both levels' CRLs. */
async function verifyThroughSub(leafPem: string, withCrls: boolean) {
  const args = ["verify", "-x509_strict", "-purpose", "sslclient", "-CAfile", file("ia1.pem", await caPem("ia1")), "-untrusted", file("sub1.pem", await caPem("sub1"))];
  if (withCrls) args.push("-crl_check_all", "-CRLfile", file("crls.pem", (await crlPem("sub1")) + (await crlPem("ia1"))));
  return openssl([...args, file("leaf.pem", leafPem)]);
}

describe.each(PROVIDERS)("issuing CAs and intermediates on %s", (provider) => {
  const t = withTestDatabase(provider);

  beforeAll(async () => {
    await t.reset();
    await createTestAuthority();
    await createAccount({ kind: "user", name: ACCOUNT, email: "erin@example.test" }, TEST_ACTOR);
    await createAuthority({ slug: "sub1", subject: "CN=Inkan Test Intermediate sub1,O=Inkan Tests", keyAlgorithm: "ECDSA-P256", validityDays: 1000, crlValidityHours: 24, parent: "ia1" }, TEST_ACTOR);
    await createAuthority({ slug: "ia2", name: "Second root", subject: "CN=Inkan Test CA ia2,O=Inkan Tests", keyAlgorithm: "ECDSA-P384", validityDays: 3650, crlValidityHours: 168 }, TEST_ACTOR);
  });

  it("signs the intermediate with ia1: CA:TRUE pathlen:0, keyCertSign+cRLSign, ia1's CRL distribution point, AKI = ia1's SKI", async () => {
    const sub = parseCertificate((await findAuthorityCertificate("sub1"))!);
    const root = parseCertificate((await findAuthorityCertificate("ia1"))!);
    expect(sub.issuerDer.equals(root.subjectDer)).toBe(true);
    expect(sub.authorityKeyIdentifier?.equals(root.subjectKeyIdentifier!)).toBe(true);
    const text = opensslOk(["x509", "-in", file("sub1.pem", await caPem("sub1")), "-noout", "-text"]);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign/);
    expect(text).toContain("URI:http://inkan.example.test/crl/ia1_crl.der");
    expect(text).toMatch(/Issuer: O = Inkan Tests, CN = Inkan Test CA ia1/);
    expect(opensslOk(["verify", "-x509_strict", "-CAfile", file("ia1.pem", await caPem("ia1")), file("sub1.pem", await caPem("sub1"))])).toMatch(/: OK\n$/);
    const row = await t.db.certificateAuthority.findUniqueOrThrow({ where: { slug: "sub1" }, include: { parent: true } });
    expect(row.parent?.slug).toBe("ia1");
    expect(row.serial).toBe(sub.serialHex);
    const [created] = (await auditEvents(t.db, "ca.create", "sub1"));
    expect(created.details).toMatchObject({ parent: "ia1", keyAlgorithm: "ECDSA-P256", serial: sub.serialHex });
  });

  it("a leaf issued by the intermediate verifies with openssl verify -x509_strict -CAfile root -untrusted intermediate, and its chain download holds leaf, intermediate, root", async () => {
    const { cert, pem } = await issueLeaf("sub1");
    const leaf = parseCertificate(pem);
    expect(leaf.crlDistributionPoints).toEqual(["http://inkan.example.test/crl/sub1_crl.der"]);
    const verdict = await verifyThroughSub(pem, false);
    expect(verdict.code, verdict.output).toBe(0);
    // Without the intermediate OpenSSL cannot build the chain: the trust really runs through it.
    const alone = openssl(["verify", "-x509_strict", "-CAfile", file("ia1.pem", await caPem("ia1")), file("leaf.pem", pem)]);
    expect(alone.code).not.toBe(0);

    const chain = await downloadCertificate({ serial: cert.serial, ca: "sub1", format: "chain" }, TEST_ACTOR);
    const blocks = fromPemAll(chain.body.toString("utf8"));
    expect(blocks.map((b) => parseCertificate(b.der).subjectString)).toEqual([leaf.subjectString, "CN=Inkan Test Intermediate sub1,O=Inkan Tests", "CN=Inkan Test CA ia1,O=Inkan Tests"]);
    const chainFile = file("chain.pem", chain.body);
    expect(opensslOk(["verify", "-x509_strict", "-CAfile", file("ia1.pem", await caPem("ia1")), "-untrusted", chainFile, file("leaf.pem", pem)])).toMatch(/: OK\n$/);

    const dist = await distributionFile("sub1_chain.pem");
    expect(fromPemAll(dist!.body.toString("utf8")).map((b) => parseCertificate(b.der).subjectString)).toEqual(["CN=Inkan Test Intermediate sub1,O=Inkan Tests", "CN=Inkan Test CA ia1,O=Inkan Tests"]);
  });

  it("the intermediate's own CRL works with openssl verify -crl_check_all: valid before, 'certificate revoked' after revoking the leaf", async () => {
    const { cert, pem } = await issueLeaf("sub1");
    const before = await verifyThroughSub(pem, true);
    expect(before.code, before.output).toBe(0);
    await revokeCertificate({ serial: cert.serial, ca: "sub1", reason: "keyCompromise" }, TEST_ACTOR);
    const sub1Crl = parseCrl((await currentCrl("sub1"))!.der);
    expect([...sub1Crl.entries()].map((e) => e.serialHex)).toContain(cert.serial);
    expect(openssl(["crl", "-in", file("sub1_crl.pem", await crlPem("sub1")), "-noout", "-verify", "-CAfile", file("sub1.pem", await caPem("sub1"))]).output).toMatch(/verify OK/);
    const after = await verifyThroughSub(pem, true);
    expect(after.code).not.toBe(0);
    expect(after.output).toMatch(/certificate revoked/);
  });

  it("ia2 has its own serial space and CRL at /crl/ia2_crl.der, untouched by ia1's revocations", async () => {
    const { cert, pem } = await issueLeaf("ia2");
    expect(parseCertificate(pem).crlDistributionPoints).toEqual(["http://inkan.example.test/crl/ia2_crl.der"]);
    expect(opensslOk(["verify", "-x509_strict", "-CAfile", file("ia2.pem", await caPem("ia2")), file("leaf2.pem", pem)])).toMatch(/: OK\n$/);
    // The same serial may exist under ia1: uniqueness is per CA.
    const ia1 = await t.db.certificateAuthority.findUniqueOrThrow({ where: { slug: "ia1" } });
    const account = await t.db.account.findUniqueOrThrow({ where: { name: ACCOUNT } });
    const ia2Row = await t.db.certificate.findFirstOrThrow({ where: { serial: cert.serial } });
    await t.db.certificate.create({
      data: { caId: ia1.id, accountId: account.id, serial: cert.serial, subject: "CN=twin", keyAlgorithm: "ECDSA-P256", notBefore: ia2Row.notBefore, notAfter: ia2Row.notAfter, status: "ISSUED", source: "CSR", certificateDer: ia2Row.certificateDer },
    });
    await revokeCertificate({ serial: cert.serial, ca: "ia1", reason: "superseded" }, TEST_ACTOR);
    expect((await getCertificate(cert.serial, "ia2")).status).toBe("ISSUED");

    const served = await distributionFile("ia2_crl.der");
    expect(served?.contentType).toBe("application/pkix-crl");
    const crlFile = file("ia2_crl.der", served!.body);
    const out = openssl(["crl", "-inform", "DER", "-in", crlFile, "-noout", "-verify", "-text", "-CAfile", file("ia2.pem", await caPem("ia2"))]);
    expect(out.output).toMatch(/verify OK/);
    expect(out.stdout).toMatch(/Issuer: O = Inkan Tests, CN = Inkan Test CA ia2/);
    expect(out.stdout).toContain("No Revoked Certificates.");
  });

  it("refuses a CA under a pathlen:0 intermediate, a CA outliving its parent, a revoked root, and a taken name", async () => {
    await expectInkanError(createAuthority({ slug: "sub2", subject: "CN=x", keyAlgorithm: "ECDSA-P256", validityDays: 10, crlValidityHours: 24, parent: "sub1" }, TEST_ACTOR), "UNPROCESSABLE", /path length 0/);
    await expectInkanError(createAuthority({ slug: "sub3", subject: "CN=x", keyAlgorithm: "ECDSA-P256", validityDays: 20000, crlValidityHours: 24, parent: "ia1" }, TEST_ACTOR), "VALIDATION", /outlive its parent ia1/);
    await expectInkanError(createAuthority({ slug: "ia2", subject: "CN=x", keyAlgorithm: "ECDSA-P256", validityDays: 10, crlValidityHours: 24 }, TEST_ACTOR), "CONFLICT", /already exists/);
    await expectInkanError(createAuthority({ slug: "sub4", subject: "CN=x", keyAlgorithm: "ECDSA-P256", validityDays: 10, crlValidityHours: 24, parent: "nope" }, TEST_ACTOR), "NOT_FOUND", /nope/);
    await expectInkanError(revokeAuthority({ slug: "ia2", reason: "cACompromise" }, TEST_ACTOR), "UNPROCESSABLE", /self-signed root/);
    expect(await t.db.certificateAuthority.count()).toBe(3);
  });

  it("every CA's CRL is refreshed by the scheduler once half its validity has passed", async () => {
    const later = new Date(Date.now() + 13 * 3_600_000); // past sub1's half-life (24 h), not ia1's/ia2's (168 h)
    expect(await refreshDueCrls(later)).toEqual(["sub1"]);
    const muchLater = new Date(Date.now() + 100 * 3_600_000);
    expect((await refreshDueCrls(muchLater)).sort()).toEqual(["ia1", "ia2", "sub1"]);
  });

  it("revoking the intermediate lists it in ia1's CRL, and OpenSSL then rejects its leaves", async () => {
    const { pem } = await issueLeaf("sub1");
    const sub = parseCertificate((await findAuthorityCertificate("sub1"))!);
    await revokeAuthority({ slug: "sub1", reason: "cACompromise" }, TEST_ACTOR);
    const ia1Crl = parseCrl((await currentCrl("ia1"))!.der);
    const entry = [...ia1Crl.entries()].find((e) => e.serialHex === sub.serialHex);
    expect(entry?.reason).toBe("cACompromise");
    const verdict = await verifyThroughSub(pem, true);
    expect(verdict.code).not.toBe(0);
    expect(verdict.output).toMatch(/certificate revoked/);
    await expectInkanError(revokeAuthority({ slug: "sub1", reason: "cACompromise" }, TEST_ACTOR), "CONFLICT", /already revoked/);
    // A revoked CA issues nothing more, and the refusal writes nothing.
    const before = await t.db.certificate.count();
    await expectInkanError(issueLeaf("sub1"), "CONFLICT", /sub1 is revoked/);
    expect(await t.db.certificate.count()).toBe(before);
    expect((await auditEvents(t.db, "ca.revoke", "sub1")).map((e) => e.details)).toEqual([{ parent: "ia1", serial: sub.serialHex, reason: "cACompromise" }]);
  });
});
