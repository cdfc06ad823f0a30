// The certificates the web-server tests present, issued through the services into the test
// database and converted with OpenSSL as an administrator would.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { TEST_ACTOR, createTestAuthority, opensslOk } from "../helpers/services";
import { createAccount } from "../../lib/accounts";
import { exportPkcs12, issueWithServerKey } from "../../lib/ca";

const P12_PASSWORD = "tls-test-password";
const DAY = 86_400_000;

export interface KeyAndCertificate {
  cert: string;
  key: string;
}

export interface TlsFixture {
  /** Inkan server certificate for "localhost" (PEM files). */
  server: KeyAndCertificate;
  /** alice: valid, from Inkan. */
  alice: KeyAndCertificate & { serial: string };
  /** bob: from Inkan, expired 35 days ago. */
  expired: KeyAndCertificate & { serial: string };
  /** From another CA with Inkan's CA name, with alice's serial. */
  foreign: KeyAndCertificate;
  /** The other CA's certificate and key (for a forged CRL). */
  otherCa: KeyAndCertificate;
}

/** Certificate and key PEM files out of an Inkan PKCS#12 (openssl pkcs12, legacy 3DES default). */
async function fromPkcs12(dir: string, name: string, serial: string): Promise<KeyAndCertificate> {
  const p12 = await exportPkcs12({ serial, password: P12_PASSWORD }, TEST_ACTOR);
  const p12File = path.join(dir, `${name}.p12`);
  writeFileSync(p12File, p12.body);
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  opensslOk(["pkcs12", "-in", p12File, "-passin", `pass:${P12_PASSWORD}`, "-clcerts", "-nokeys", "-out", cert]);
  opensslOk(["pkcs12", "-in", p12File, "-passin", `pass:${P12_PASSWORD}`, "-nocerts", "-nodes", "-out", key]);
  return { cert, key };
}

/** Creates CA ia1, the accounts and every certificate the tests present; files go to `dir`. */
export async function issueTlsFixture(dir: string): Promise<TlsFixture> {
  await createTestAuthority();
  await createAccount({ kind: "server", name: "tls-server", hostnames: ["localhost"] }, TEST_ACTOR);
  await createAccount({ kind: "user", name: "alice", email: "alice@example.test" }, TEST_ACTOR);
  await createAccount({ kind: "user", name: "bob", email: "bob@example.test" }, TEST_ACTOR);

  const server = await issueWithServerKey({ account: "tls-server", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR);
  const alice = await issueWithServerKey({ account: "alice" }, TEST_ACTOR);
  // Issued 400 days ago with the default 365-day validity.
  const expired = await issueWithServerKey({ account: "bob", keyAlgorithm: "ECDSA-P256" }, TEST_ACTOR, new Date(Date.now() - 400 * DAY));

  const f = (name: string) => path.join(dir, name);
  opensslOk(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", f("other-ca.key"), "-out", f("other-ca.pem"),
    "-subj", "/O=Inkan Tests/CN=Inkan Test CA ia1", "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
  opensslOk(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", f("foreign.key"), "-subj", "/CN=alice", "-out", f("foreign.csr")]);
  writeFileSync(f("foreign.ext"), "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n");
  opensslOk(["x509", "-req", "-in", f("foreign.csr"), "-CA", f("other-ca.pem"), "-CAkey", f("other-ca.key"), "-set_serial", `0x${alice.serial}`,
    "-days", "30", "-extfile", f("foreign.ext"), "-out", f("foreign.crt")]);

  return {
    server: await fromPkcs12(dir, "server", server.serial),
    alice: { ...(await fromPkcs12(dir, "alice", alice.serial)), serial: alice.serial },
    expired: { ...(await fromPkcs12(dir, "bob", expired.serial)), serial: expired.serial },
    foreign: { cert: f("foreign.crt"), key: f("foreign.key") },
    otherCa: { cert: f("other-ca.pem"), key: f("other-ca.key") },
  };
}

/** A CRL signed by the other CA (same name as Inkan's), as a tampered distribution point would serve. */
export function forgedCrl(dir: string, otherCa: KeyAndCertificate): string {
  const cnf = path.join(dir, "forged-ca.cnf");
  writeFileSync(path.join(dir, "forged-index.txt"), "");
  writeFileSync(path.join(dir, "forged-crlnumber"), "01\n");
  writeFileSync(cnf, `[ca]\ndefault_ca=d\n[d]\ndatabase=${dir}/forged-index.txt\ncrlnumber=${dir}/forged-crlnumber\ndefault_md=sha256\ndefault_crl_days=1\n`);
  return opensslOk(["ca", "-config", cnf, "-gencrl", "-keyfile", otherCa.key, "-cert", otherCa.cert]);
}
