/**
 * Opt-in suite (`--suite proposals`): lib/pki as it is against lib/pki with
 * bench/proposals/lib-pki-perf.patch applied to a scratch copy (lib/ itself is not touched).
 * Same inputs, interleaved A/B rounds, medians; wall clock and process CPU.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as current from "../../lib/pki";
import type { CrlChildArgs, CrlChildResult } from "../children/crl-child";
import { BENCH_DIR, runChild } from "../lib/child";
import { makeEntries } from "../lib/crl-input";
import { opensslCsr, serverProfile, writeKeyAndCert, type BenchContext } from "../lib/fixtures";
import { measureRate, timeOnce, type Sample } from "../lib/measure";
import { fmtCount, fmtMiB, fmtMs, fmtRate, fmtRatio, type Row, type SuiteResult } from "../lib/report";
import { median } from "../lib/stats";

type Pki = typeof current;

const PATCH = path.join(BENCH_DIR, "proposals", "lib-pki-perf.patch");

function applyPatch(workDir: string): string {
  const root = path.join(workDir, "patched");
  mkdirSync(path.join(root, "lib"), { recursive: true });
  cpSync(path.join(BENCH_DIR, "..", "lib", "pki"), path.join(root, "lib", "pki"), { recursive: true });
  const r = spawnSync("patch", ["-p1", "-s", "-d", root, "-i", PATCH], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${path.relative(process.cwd(), PATCH)} no longer applies to lib/pki: ${(r.stdout + r.stderr).trim()}`);
  return path.join(root, "lib", "pki", "index.ts");
}

interface AbResult {
  a: { wallMs: number; cpuMs: number };
  b: { wallMs: number; cpuMs: number };
}

/** Per-operation cost of fa and fb, alternating rounds of `ms` each. */
async function ab(fa: () => unknown, fb: () => unknown, ms: number, rounds = 3): Promise<AbResult> {
  const ra: Sample[] = [];
  const rb: Sample[] = [];
  for (let i = 0; i < rounds; i++) {
    const x = await measureRate(fa, { minMs: ms, minOps: 5, warmup: i === 0 ? 20 : 2 });
    ra.push({ wallMs: x.msPerOp, cpuMs: x.cpuMsPerOp });
    const y = await measureRate(fb, { minMs: ms, minOps: 5, warmup: i === 0 ? 20 : 2 });
    rb.push({ wallMs: y.msPerOp, cpuMs: y.cpuMsPerOp });
  }
  const med = (xs: Sample[]) => ({ wallMs: median(xs.map((s) => s.wallMs)), cpuMs: median(xs.map((s) => s.cpuMs)) });
  return { a: med(ra), b: med(rb) };
}

function row(name: string, r: AbResult, perSecond = false): Row {
  const show = (x: { wallMs: number; cpuMs: number }) =>
    perSecond ? `${fmtRate(1000 / x.wallMs)} (CPU ${fmtMs(x.cpuMs)} each)` : `${fmtMs(x.wallMs)} (CPU ${fmtMs(x.cpuMs)})`;
  return {
    case: name,
    ours: show(r.a),
    reference: show(r.b),
    ratio: `${fmtRatio(r.a.wallMs / r.b.wallMs)} faster, CPU ${fmtRatio(r.a.cpuMs / r.b.cpuMs)}`,
    target: "–",
    verdict: "info",
    data: { current: r.a, patched: r.b },
  };
}

export async function proposalsSuite(ctx: BenchContext): Promise<SuiteResult> {
  const patchedUrl = pathToFileURL(applyPatch(ctx.workDir)).href;
  const patched = (await import(patchedUrl)) as Pki;
  const ms = ctx.opts.quick ? 500 : 1500;
  const rows: Row[] = [];

  for (const alg of ["RSA-2048", "ECDSA-P256"] as const) {
    const { pem } = opensslCsr(path.join(ctx.workDir, "proposals"), alg);
    ctx.log(`proposals: parseCsr ${alg}`);
    rows.push(row(`parseCsr, ${alg} CSR`, await ab(() => current.parseCsr(pem), () => patched.parseCsr(pem), ms), true));
  }

  const { privateKey } = await current.generateKeyPair("RSA-2048");
  const now = Date.now();
  const caSigner = current.localSigner(privateKey);
  const caCert = await current.buildSelfSignedCa({ subject: [{ type: "CN", value: "Proposals CA" }], signer: caSigner, notBefore: new Date(now), notAfter: new Date(now + 864e8), serial: current.newSerial() });
  for (const encryption of ["legacy", "aes256"] as const) {
    const params = { privateKey, certificate: caCert, chain: [], password: "proposal-pass", encryption };
    current.readPkcs12(patched.buildPkcs12(params), "proposal-pass");
    ctx.log(`proposals: buildPkcs12 ${encryption}`);
    rows.push(row(`buildPkcs12, ${encryption}`, await ab(() => current.buildPkcs12(params), () => patched.buildPkcs12(params), ms)));
  }

  const ec = await current.generateKeyPair("ECDSA-P256");
  const leaf = current.spkiOf((await current.generateKeyPair("ECDSA-P256")).publicKey);
  const profile = serverProfile(leaf, false);
  const issuer = { name: [{ type: "CN" as const, value: "Proposals EC CA" }], keyIdentifier: Buffer.alloc(20, 7) };
  const signerA = current.localSigner(ec.privateKey);
  const signerB = patched.localSigner(ec.privateKey);
  ctx.log("proposals: ECDSA P-256 issuance (control)");
  rows.push(row("control: buildCertificate, ECDSA-P256 CA (code not changed by the patch)", await ab(
    () => current.buildCertificate(profile, { issuer, signer: signerA, serial: current.newSerial() }),
    () => patched.buildCertificate(profile, { issuer, signer: signerB, serial: patched.newSerial() }),
    ms,
  ), true));

  const size = Math.min(1_000_000, Math.max(...ctx.opts.crlSizes));
  ctx.log(`proposals: buildCrl ${fmtCount(size)}`);
  const entries = makeEntries(size, "sorted");
  const crlParams = (signer: current.Signer) => ({
    issuerName: issuer.name, issuerKeyIdentifier: issuer.keyIdentifier, signer, crlNumber: 7,
    thisUpdate: new Date(), nextUpdate: new Date(Date.now() + 864e5), entries,
  });
  const rsaA = current.localSigner(privateKey);
  const rsaB = patched.localSigner(privateKey);
  await current.buildCrl({ ...crlParams(rsaA), entries: entries.slice(0, 2000) });
  await patched.buildCrl({ ...crlParams(rsaB), entries: entries.slice(0, 2000) });
  const ca: Sample[] = [];
  const cb: Sample[] = [];
  for (let i = 0; i < 2; i++) {
    const x = await timeOnce(() => current.buildCrl(crlParams(rsaA)));
    ca.push(x);
    const y = await timeOnce(() => patched.buildCrl(crlParams(rsaB)));
    if (!current.verifyCrlSignature(y.value, rsaB.publicKeySpki)) throw new Error("patched buildCrl: signature does not verify");
    cb.push(y);
  }
  const med = (xs: Sample[]) => ({ wallMs: median(xs.map((s) => s.wallMs)), cpuMs: median(xs.map((s) => s.cpuMs)) });
  rows.push(row(`buildCrl, ${fmtCount(size)} entries, RSA-2048`, { a: med(ca), b: med(cb) }));

  // Peak memory of one 1M build per child process, as the crl suite measures it.
  ctx.log(`proposals: buildCrl ${fmtCount(size)} peak RSS (child processes)`);
  const dir = path.join(ctx.workDir, "proposals");
  const { keyFile, certFile } = writeKeyAndCert(dir, "ca", privateKey, caCert);
  const peak = async (pkiModule?: string) => {
    const r = await runChild<CrlChildResult>("crl-child.ts", { mode: "build", size, order: "sorted", reps: 1, caKeyFile: keyFile, caCertFile: certFile, pkiModule } satisfies CrlChildArgs, { nodeFlags: ["--expose-gc"] });
    return { wallMs: r.samples[0].wallMs, peakKiB: r.maxRssKiB };
  };
  const pa: { wallMs: number; peakKiB: number }[] = [];
  const pb: { wallMs: number; peakKiB: number }[] = [];
  for (let i = 0; i < (ctx.opts.quick ? 1 : 2); i++) {
    pa.push(await peak());
    pb.push(await peak(patchedUrl));
  }
  const peakA = median(pa.map((p) => p.peakKiB));
  const peakB = median(pb.map((p) => p.peakKiB));
  rows.push({
    case: `buildCrl, ${fmtCount(size)} entries, peak RSS of the process`,
    ours: `${fmtMiB(peakA)} (${fmtMs(median(pa.map((p) => p.wallMs)))})`,
    reference: `${fmtMiB(peakB)} (${fmtMs(median(pb.map((p) => p.wallMs)))})`,
    ratio: `${((peakA - peakB) / 1024).toFixed(0)} MiB less`,
    target: "–",
    verdict: "info",
    data: { current: pa, patched: pb },
  });

  return {
    suite: "proposals",
    title: "Proposed lib/pki changes (bench/proposals/lib-pki-perf.patch), current vs patched",
    referenceHeader: "With the patch",
    rows,
    notes: [
      "The patch is applied to a scratch copy of lib/pki; both versions run in this process on the same inputs, alternating rounds (median of 3; buildCrl: of 2).",
      "Patch: RSA public keys imported as RSAPublicKey (pkcs1) and uncompressed EC points as JWK instead of through OpenSSL 3.0's SPKI decoder (parseCsr); the RFC 7292 KDF's 2,048 rounds hashed in JS on one block instead of 2,048 crypto.hash calls (PKCS#12); inputs ≥ 256 KiB (CRLs) signed synchronously instead of as a thread-pool job, which copies them (CRL). The control row runs identical code in both columns: its ratio shows the noise floor.",
    ],
  };
}
