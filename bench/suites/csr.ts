/**
 * Suite 4: CSR parse + self-signature verification per second on one core. parseCsr is
 * synchronous, so its loop runs on one thread. OpenSSL: `openssl req -verify -noout` spawned
 * per CSR (raw, and net of the process start cost), plus the verify/s of `openssl speed`
 * as the cryptographic ceiling. @peculiar/x509's Pkcs10CertificateRequest is the "before".
 */
import path from "node:path";
import { parseCsr } from "../../lib/pki";
import { opensslCsr, type BenchContext } from "../lib/fixtures";
import { measureRate } from "../lib/measure";
import { x509 } from "../lib/peculiar";
import { fmtMs, fmtRate, fmtRatio, verdict, type Row, type SuiteResult } from "../lib/report";
import { OPENSSL, timeCommand, type SpawnSample } from "../lib/spawn";
import { median, summarize } from "../lib/stats";

const TARGET_PER_SEC = 700;

export async function csrSuite(ctx: BenchContext): Promise<SuiteResult> {
  const seconds = ctx.opts.seconds;
  const speed = ctx.speed();
  const dir = path.join(ctx.workDir, "csr");
  const samples = ctx.opts.quick ? 10 : 40;
  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};

  for (const algorithm of ["RSA-2048", "ECDSA-P256"] as const) {
    const { file, pem } = opensslCsr(dir, algorithm);
    const parsed = parseCsr(pem);
    if (!parsed.signatureValid) throw new Error(`parseCsr rejected the ${algorithm} CSR made by openssl`);

    const ours = await measureRate(() => parseCsr(pem), { minMs: seconds * 1000, minOps: 100, warmup: 200 });
    const peculiar = await measureRate(
      async () => {
        const req = new x509.Pkcs10CertificateRequest(pem);
        void req.subject;
        void req.extensions;
        if (!(await req.verify())) throw new Error("peculiar: CSR signature did not verify");
      },
      { minMs: Math.max(1, seconds / 2) * 1000, minOps: 50, warmup: 50 },
    );

    const argv = [OPENSSL, "req", "-in", file, "-verify", "-noout"];
    timeCommand(argv);
    const theirs: SpawnSample[] = [];
    const start: SpawnSample[] = [];
    for (let i = 0; i < samples; i++) {
      theirs.push(timeCommand(argv));
      start.push(timeCommand([OPENSSL, "version"]));
    }
    const rawMs = median(theirs.map((s) => s.wallMs));
    const netMs = rawMs - median(start.map((s) => s.wallMs));
    const opensslNetPerSec = 1000 / Math.max(netMs, 0.001);
    const verifyPerSec = algorithm === "RSA-2048" ? speed.rsa2048.verifyPerSec : speed.ecdsap256.verifyPerSec;
    ctx.log(`csr ${algorithm}: ours ${fmtRate(ours.perSecond)}, peculiar ${fmtRate(peculiar.perSecond)}, openssl req ${fmtMs(rawMs)} raw / ${fmtMs(netMs)} net`);

    rows.push({
      case: `${algorithm} CSR, parseCsr (1 core)`,
      ours: `${fmtRate(ours.perSecond)} (${fmtMs(ours.msPerOp)} each, CPU ${fmtMs(ours.cpuMsPerOp)})`,
      reference: `${fmtRate(opensslNetPerSec)} net = ${fmtMs(netMs)}/CSR (raw ${fmtMs(rawMs)} = ${fmtRate(1000 / rawMs)})`,
      ratio: `${fmtRatio(ours.perSecond / opensslNetPerSec)} openssl net, ${fmtRatio(ours.perSecond / (1000 / rawMs))} raw`,
      target: `≥ ${TARGET_PER_SEC}/s`,
      verdict: verdict(ours.perSecond >= TARGET_PER_SEC),
      data: { oursPerSec: ours.perSecond, oursMsPerOp: ours.msPerOp, opensslRawMs: rawMs, opensslNetMs: netMs, opensslNetPerSec, opensslSpeedVerifyPerSec: verifyPerSec },
    });
    rows.push({
      case: `${algorithm} CSR, vs signature verify only`,
      ours: fmtRate(ours.perSecond),
      reference: `${fmtRate(verifyPerSec)} verify (openssl speed)`,
      ratio: `${(100 * ours.perSecond / verifyPerSec).toFixed(0)}% of the verify ceiling`,
      target: "–",
      verdict: "info",
    });
    rows.push({
      case: `${algorithm} CSR, @peculiar/x509 (before)`,
      ours: fmtRate(peculiar.perSecond),
      reference: "–",
      ratio: `parseCsr is ${fmtRatio(ours.perSecond / peculiar.perSecond)} faster`,
      target: "–",
      verdict: "info",
      data: { peculiarPerSec: peculiar.perSecond },
    });
    raw[algorithm] = { ours, peculiar, opensslRaw: summarize(theirs.map((s) => s.wallMs)), opensslStart: summarize(start.map((s) => s.wallMs)) };
  }
  return {
    suite: "csr",
    title: "4. CSR parse + verify (per second, one core)",
    referenceHeader: "OpenSSL",
    rows,
    notes: [
      "Ours: `parseCsr(pem)` (PEM decode, DER parse, subject and extension decoding, key policy, self-signature check) in a synchronous loop: one core.",
      "@peculiar/x509: `new Pkcs10CertificateRequest(pem)`, read subject and extensions, `await verify()`.",
      "OpenSSL: `openssl req -in csr.pem -verify -noout`, one process per CSR; net = median minus the median cost of spawning `openssl version`. CSRs made by `openssl req -new` with a DNS SAN.",
    ],
    raw,
  };
}
