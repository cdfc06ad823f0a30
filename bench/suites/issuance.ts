/**
 * Suite 2: leaf issuance in the PKI core (profile → signed DER) with an RSA-2048 CA and an
 * ECDSA P-256 CA, against the raw signing speed of `openssl speed` (no certificate at all:
 * a ceiling, not a like-for-like) and against @peculiar/x509's X509CertificateGenerator,
 * the "before" figure.
 */
import { buildCertificate, generateKeyPair, newSerial, spkiOf } from "../../lib/pki";
import { makeCa, serverProfile, type BenchContext, type TestCa } from "../lib/fixtures";
import { measureRate, type RateResult } from "../lib/measure";
import { RSA_SHA256, toCryptoKey, x509 } from "../lib/peculiar";
import { fmtMs, fmtPct, fmtRate, fmtRatio, verdict, type Row, type SuiteResult } from "../lib/report";

async function peculiarIssuer(ca: TestCa, leafSpki: Buffer) {
  const signingKey = await toCryptoKey(ca.privateKey);
  const rsa = ca.algorithm.startsWith("RSA");
  const issuer = new x509.X509Certificate(new Uint8Array(ca.certificate)).subject;
  const leafKey = new x509.PublicKey(new Uint8Array(leafSpki));
  return async () => {
    const now = Date.now();
    // The same extensions as our server profile, built per certificate as the old code did.
    return x509.X509CertificateGenerator.create({
      serialNumber: newSerial().toString("hex"),
      subject: "CN=www.bench.example.test",
      issuer,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 365 * 86_400_000),
      publicKey: leafKey,
      signingKey,
      signingAlgorithm: rsa ? RSA_SHA256 : { name: "ECDSA", hash: "SHA-256" },
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          rsa ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment : x509.KeyUsageFlags.digitalSignature,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        await x509.SubjectKeyIdentifierExtension.create(leafKey),
        new x509.AuthorityKeyIdentifierExtension(ca.keyIdentifier.toString("hex")),
        new x509.SubjectAlternativeNameExtension([
          { type: "dns", value: "www.bench.example.test" },
          { type: "dns", value: "bench.example.test" },
        ]),
        new x509.CRLDistributionPointsExtension(["http://pki.bench.example.test/crl/ia1.crl"]),
      ],
    });
  };
}

export async function issuanceSuite(ctx: BenchContext): Promise<SuiteResult> {
  const seconds = ctx.opts.seconds;
  const speed = ctx.speed();
  const rows: Row[] = [];
  const raw: Record<string, unknown> = { opensslSpeed: { rsa2048: speed.rsa2048, ecdsap256: speed.ecdsap256, seconds: speed.seconds } };

  for (const algorithm of ["RSA-2048", "ECDSA-P256"] as const) {
    const rsa = algorithm === "RSA-2048";
    const ca = await makeCa(algorithm);
    const leafSpki = spkiOf((await generateKeyPair(algorithm)).publicKey);
    const profile = serverProfile(leafSpki, rsa);
    const issuer = { name: ca.subject, keyIdentifier: ca.keyIdentifier };
    const issueOne = () => buildCertificate(profile, { issuer, signer: ca.signer, serial: newSerial() });

    const seq = await measureRate(issueOne, { minMs: seconds * 1000, minOps: 50, warmup: 100 });
    const par = await measureRate(issueOne, { minMs: seconds * 1000, minOps: 50, warmup: 20, concurrency: 4 });
    const peculiar = await measureRate(await peculiarIssuer(ca, leafSpki), { minMs: Math.max(1, seconds / 2) * 1000, minOps: 20, warmup: 20 });
    ctx.log(`issuance ${algorithm}: ${fmtRate(seq.perSecond)} sequential, ${fmtRate(par.perSecond)} 4 in flight, peculiar ${fmtRate(peculiar.perSecond)}`);
    raw[algorithm] = { sequential: seq, concurrent4: par, peculiar };

    const ref = rsa ? speed.rsa2048.signPerSec : speed.ecdsap256.signPerSec;
    const share = seq.perSecond / ref;
    const speedLabel = `${fmtRate(ref)} sign (openssl speed ${rsa ? "rsa2048" : "ecdsap256"})`;
    rows.push({
      case: `${algorithm} CA, sequential`,
      ours: `${fmtRate(seq.perSecond)} (${fmtMs(seq.msPerOp)}/cert)`,
      reference: speedLabel,
      ratio: `${fmtPct(share)} of openssl sign/s`,
      target: rsa ? "≥ 25% of openssl sign/s" : "≤ 0.3 ms per certificate",
      verdict: rsa ? verdict(share >= 0.25) : verdict(seq.msPerOp <= 0.3),
      data: summary(seq, ref),
    });
    rows.push({
      case: `${algorithm} CA, 4 in flight`,
      ours: `${fmtRate(par.perSecond)} (CPU ${fmtMs(par.cpuMsPerOp)}/cert)`,
      reference: speedLabel,
      ratio: `${fmtPct(par.perSecond / ref)} of openssl sign/s (1 core)`,
      target: "–",
      verdict: "info",
      data: summary(par, ref),
    });
    rows.push({
      case: `${algorithm} CA, @peculiar/x509 (before)`,
      ours: `${fmtRate(peculiar.perSecond)} (${fmtMs(peculiar.msPerOp)}/cert)`,
      reference: speedLabel,
      ratio: `core is ${fmtRatio(seq.perSecond / peculiar.perSecond)} faster`,
      target: "–",
      verdict: "info",
      data: summary(peculiar, ref),
    });
  }
  return {
    suite: "issuance",
    title: "2. Leaf issuance in the PKI core (certificates per second)",
    referenceHeader: "OpenSSL",
    rows,
    notes: [
      `Ours: \`buildCertificate(profile, ctx)\` with a fresh \`newSerial()\` each time; a server profile (CN, 2 DNS SANs, KU, EKU serverAuth, SKI, AKI, CRL DP). Sequential = one await at a time; "4 in flight" keeps four issuances pending so signatures overlap on libuv's thread pool (bounded by the machine's cores).`,
      `OpenSSL: \`openssl speed -seconds ${speed.seconds} rsa2048 ecdsap256\`, single thread: signatures only, no certificate encoding, so a ceiling rather than a like-for-like figure.`,
      "@peculiar/x509: `X509CertificateGenerator.create` on Node's WebCrypto with the same extensions (the implementation Inkan used before lib/pki).",
    ],
    raw,
  };
}

function summary(r: RateResult, ref: number) {
  return { perSecond: r.perSecond, msPerOp: r.msPerOp, cpuMsPerOp: r.cpuMsPerOp, ops: r.ops, opensslSignPerSec: ref, shareOfOpenssl: r.perSecond / ref };
}
