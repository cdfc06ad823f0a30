/**
 * Suite 3: PKCS#12 packaging of an RSA-2048 key, its certificate and the CA certificate, in
 * both of Inkan's profiles, against `openssl pkcs12 -export` with the same algorithms and
 * iteration count (2048), spawned once per file and interleaved with ours.
 */
import path from "node:path";
import { buildPkcs12, readPkcs12, type Pkcs12Encryption } from "../../lib/pki";
import { makeCa, makeLeaf, writeKeyAndCert, type BenchContext } from "../lib/fixtures";
import { timeOnce } from "../lib/measure";
import { fmtMs, fmtRatio, verdict, type Row, type SuiteResult } from "../lib/report";
import { OPENSSL, timeCommand, type SpawnSample } from "../lib/spawn";
import { median, summarize } from "../lib/stats";

const OPENSSL_FLAGS: Record<Pkcs12Encryption, string[]> = {
  legacy: ["-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1"],
  aes256: ["-keypbe", "AES-256-CBC", "-certpbe", "AES-256-CBC", "-macalg", "sha256"],
};

const PASSWORD = "bench-pkcs12-Passw0rd";

export async function pkcs12Suite(ctx: BenchContext): Promise<SuiteResult> {
  const ca = await makeCa("RSA-2048");
  const leaf = await makeLeaf(ca, "RSA-2048");
  const dir = path.join(ctx.workDir, "pkcs12");
  const { keyFile, certFile } = writeKeyAndCert(dir, "leaf", leaf.privateKey, leaf.certificate);
  const { certFile: caFile } = writeKeyAndCert(dir, "ca", ca.privateKey, ca.certificate);
  const samples = ctx.opts.quick ? 10 : 40;
  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};

  for (const encryption of ["legacy", "aes256"] as const) {
    const params = { privateKey: leaf.privateKey, certificate: leaf.certificate, chain: [ca.certificate], password: PASSWORD, encryption, friendlyName: "bench" };
    // Sanity: our file opens with our reader (OpenSSL's reading is covered by tests/oracle).
    readPkcs12(buildPkcs12(params), PASSWORD);
    for (let i = 0; i < 3; i++) buildPkcs12(params);
    const argv = [OPENSSL, "pkcs12", "-export", "-inkey", keyFile, "-in", certFile, "-certfile", caFile, "-name", "bench",
      "-passout", `pass:${PASSWORD}`, ...OPENSSL_FLAGS[encryption], "-iter", "2048", "-out", "/dev/null"];
    timeCommand(argv);

    const ours: { wallMs: number; cpuMs: number }[] = [];
    const theirs: SpawnSample[] = [];
    const start: SpawnSample[] = [];
    for (let i = 0; i < samples; i++) {
      buildPkcs12(params); // untimed: absorbs the page faults the previous spawn leaves behind
      const s = await timeOnce(() => buildPkcs12(params));
      ours.push({ wallMs: s.wallMs, cpuMs: s.cpuMs });
      theirs.push(timeCommand(argv));
      start.push(timeCommand([OPENSSL, "version"]));
    }
    const oursMs = median(ours.map((s) => s.wallMs));
    const rawMs = median(theirs.map((s) => s.wallMs));
    const startMs = median(start.map((s) => s.wallMs));
    const netMs = rawMs - startMs;
    const ratioNet = oursMs / netMs;
    const oursCpu = median(ours.map((s) => s.cpuMs));
    const netCpu = median(theirs.map((s) => s.cpuMs)) - median(start.map((s) => s.cpuMs));
    ctx.log(`pkcs12 ${encryption}: ours ${fmtMs(oursMs)}, openssl ${fmtMs(rawMs)} raw / ${fmtMs(netMs)} net`);
    rows.push({
      case: `${encryption} (${encryption === "legacy" ? "3DES, SHA-1 MAC" : "PBES2 AES-256, SHA-256 MAC"}), n=${samples}`,
      ours: `${fmtMs(oursMs)} (CPU ${fmtMs(oursCpu)})`,
      reference: `${fmtMs(netMs)} net, ${fmtMs(rawMs)} raw (CPU net ${fmtMs(netCpu)})`,
      ratio: `${fmtRatio(ratioNet)} net, ${fmtRatio(oursMs / rawMs)} raw`,
      target: "≤ 2× openssl",
      verdict: verdict(ratioNet <= 2),
      data: { oursMedianMs: oursMs, oursCpuMedianMs: oursCpu, opensslRawMedianMs: rawMs, opensslNetMedianMs: netMs, opensslNetCpuMs: netCpu, startCostMs: startMs, ratioNet, ratioRaw: oursMs / rawMs },
    });
    raw[encryption] = {
      ours: summarize(ours.map((s) => s.wallMs)),
      opensslRaw: summarize(theirs.map((s) => s.wallMs)),
      opensslStart: summarize(start.map((s) => s.wallMs)),
    };
  }
  return {
    suite: "pkcs12",
    title: "3. PKCS#12 packaging (per file, median)",
    referenceHeader: "openssl pkcs12 -export",
    rows,
    notes: [
      "Ours: `buildPkcs12` (RSA-2048 key + leaf + CA certificate, 2048 iterations). OpenSSL: `openssl pkcs12 -export` with the same PBE/MAC algorithms and `-iter 2048`, reading PEM files, writing to /dev/null; one process per file.",
      "The verdict uses OpenSSL's net time (raw minus the cost of spawning `openssl version`), which is stricter than comparing with the raw spawn.",
    ],
    raw,
  };
}
