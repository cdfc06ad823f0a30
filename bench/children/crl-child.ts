/**
 * One CRL measurement in its own process, so that maxRSS is the peak of this run alone.
 *   build:    entries shaped like lib/ca/crl.ts passes them (Buffer serial, Date, reason) → buildCrl
 *   parse:    parseCrl on a DER file (lazy), then parseCrl + decoding every entry
 *   peculiar: @peculiar/x509 X509CrlGenerator on the same kind of input
 * Run with --expose-gc: a full GC before each timed run gives every repetition the same start.
 */
import crypto from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { buildCrl, localSigner, parseCertificate, parseCrl, type CrlEntryInput } from "../../lib/pki";
import { makeEntries } from "../lib/crl-input";
import { childArgs, sendResult } from "../lib/child";
import { timeOnce, type Sample } from "../lib/measure";

export type CrlChildArgs =
  | {
      mode: "build";
      size: number;
      order: "sorted" | "random";
      reps: number;
      caKeyFile: string;
      caCertFile: string;
      out?: string;
    }
  | { mode: "parse"; file: string; reps: number }
  | { mode: "peculiar"; size: number; caKeyFile: string; caCertFile: string };

export interface CrlChildResult {
  mode: string;
  size: number;
  samples: Sample[];
  /** Parse mode: parse + iterate every entry. Peculiar mode: our buildCrl on the same entries. */
  fullSamples?: Sample[];
  inputMs?: number;
  derBytes?: number;
  /** RSS just before the first timed run (input built, warm-up done). */
  rssBeforeKiB: number;
  maxRssKiB: number;
  heapUsedBeforeMiB: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function loadCa(keyFile: string, certFile: string) {
  const privateKey = crypto.createPrivateKey(readFileSync(keyFile));
  const cert = parseCertificate(readFileSync(certFile, "utf8"));
  return { privateKey, signer: localSigner(privateKey), issuerName: cert.subjectDer, keyId: cert.subjectKeyIdentifier! };
}

function kib(bytes: number): number {
  return Math.round(bytes / 1024);
}

async function build(args: Extract<CrlChildArgs, { mode: "build" }>): Promise<CrlChildResult> {
  const pki = { buildCrl, localSigner };
  const ca = { ...loadCa(args.caKeyFile, args.caCertFile) };
  ca.signer = pki.localSigner(ca.privateKey);
  const params = (entries: CrlEntryInput[]) => {
    const now = Date.now();
    return { issuerName: ca.issuerName, issuerKeyIdentifier: ca.keyId, signer: ca.signer, crlNumber: 42, thisUpdate: new Date(now), nextUpdate: new Date(now + 7 * 86_400_000), entries };
  };
  // Warm-up on a small list: JIT and first-signature costs are not what this measures.
  for (let i = 0; i < 3; i++) await pki.buildCrl(params(makeEntries(2000, args.order)));
  const t0 = performance.now();
  const entries = makeEntries(args.size, args.order);
  const inputMs = performance.now() - t0;
  gc();
  const rssBeforeKiB = kib(process.memoryUsage().rss);
  const heapUsedBeforeMiB = process.memoryUsage().heapUsed / 2 ** 20;
  const samples: Sample[] = [];
  let der: Buffer | undefined;
  for (let r = 0; r < args.reps; r++) {
    der = undefined;
    gc();
    const s = await timeOnce(() => pki.buildCrl(params(entries)));
    der = s.value;
    samples.push({ wallMs: s.wallMs, cpuMs: s.cpuMs });
  }
  if (args.out && der) writeFileSync(args.out, der);
  return { mode: "build", size: args.size, samples, inputMs, derBytes: der?.length, rssBeforeKiB, heapUsedBeforeMiB, maxRssKiB: process.resourceUsage().maxRSS };
}

async function parse(args: Extract<CrlChildArgs, { mode: "parse" }>): Promise<CrlChildResult> {
  const der = readFileSync(args.file);
  // One untimed pass over every entry: the timed passes measure warm code, like a server's.
  for (const e of parseCrl(der).entries()) if (!e.serialHex) throw new Error("empty serial");
  gc();
  const rssBeforeKiB = kib(process.memoryUsage().rss);
  const heapUsedBeforeMiB = process.memoryUsage().heapUsed / 2 ** 20;
  const samples: Sample[] = [];
  const fullSamples: Sample[] = [];
  let size = 0;
  for (let r = 0; r < args.reps; r++) {
    gc();
    const lazy = await timeOnce(() => parseCrl(der));
    samples.push({ wallMs: lazy.wallMs, cpuMs: lazy.cpuMs });
    size = lazy.value.entryCount;
    gc();
    const full = await timeOnce(() => {
      const crl = parseCrl(der);
      let n = 0;
      let chars = 0;
      for (const e of crl.entries()) {
        n++;
        chars += e.serialHex.length + (e.reason ? 1 : 0) + (e.revokedAt.getTime() > 0 ? 1 : 0);
      }
      if (n !== crl.entryCount || chars === 0) throw new Error("entry count mismatch");
      return n;
    });
    fullSamples.push({ wallMs: full.wallMs, cpuMs: full.cpuMs });
  }
  return { mode: "parse", size, samples, fullSamples, derBytes: der.length, rssBeforeKiB, heapUsedBeforeMiB, maxRssKiB: process.resourceUsage().maxRSS };
}

async function peculiar(args: Extract<CrlChildArgs, { mode: "peculiar" }>): Promise<CrlChildResult> {
  const { x509, toCryptoKey, signingAlgorithm } = await import("../lib/peculiar");
  const ca = loadCa(args.caKeyFile, args.caCertFile);
  const signingKey = await toCryptoKey(ca.privateKey);
  const issuer = new x509.X509Certificate(readFileSync(args.caCertFile, "utf8")).subject;
  const reasonOf: Record<string, number> = {
    keyCompromise: x509.X509CrlReason.keyCompromise,
    superseded: x509.X509CrlReason.superseded,
    cessationOfOperation: x509.X509CrlReason.cessationOfOperation,
  };
  const toPeculiar = (entries: CrlEntryInput[]) =>
    entries.map((e) => ({
      serialNumber: (e.serial as Buffer).toString("hex"),
      revocationDate: e.revokedAt,
      ...(e.reason ? { reason: reasonOf[e.reason] } : {}),
    }));
  const run = (entries: ReturnType<typeof toPeculiar>) => {
    const now = Date.now();
    return x509.X509CrlGenerator.create({
      issuer,
      thisUpdate: new Date(now),
      nextUpdate: new Date(now + 7 * 86_400_000),
      entries,
      signingAlgorithm: signingAlgorithm(ca.privateKey),
      signingKey,
      extensions: [new x509.AuthorityKeyIdentifierExtension(ca.keyId.toString("hex"))],
    });
  };
  const ours = (entries: CrlEntryInput[]) => {
    const now = Date.now();
    return buildCrl({ issuerName: ca.issuerName, issuerKeyIdentifier: ca.keyId, signer: ca.signer, crlNumber: 42, thisUpdate: new Date(now), nextUpdate: new Date(now + 7 * 86_400_000), entries });
  };
  const warm = makeEntries(200, "sorted");
  await run(toPeculiar(warm));
  for (let i = 0; i < 3; i++) await ours(warm);
  // The same entries for both.
  const entries = makeEntries(args.size, "sorted");
  const theirs = toPeculiar(entries);
  gc();
  const rssBeforeKiB = kib(process.memoryUsage().rss);
  const heapUsedBeforeMiB = process.memoryUsage().heapUsed / 2 ** 20;
  const s = await timeOnce(() => run(theirs));
  gc();
  const o = await timeOnce(() => ours(entries));
  return {
    mode: "peculiar",
    size: args.size,
    samples: [{ wallMs: s.wallMs, cpuMs: s.cpuMs }],
    fullSamples: [{ wallMs: o.wallMs, cpuMs: o.cpuMs }],
    rssBeforeKiB,
    heapUsedBeforeMiB,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
}

const args = childArgs<CrlChildArgs>();
const result = args.mode === "build" ? await build(args) : args.mode === "parse" ? await parse(args) : await peculiar(args);
sendResult(result);
