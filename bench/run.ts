/**
 * Inkan benchmarks against OpenSSL on the same machine, in the same run.
 *
 *   npm run bench                                  all suites, full sizes (CRL up to 1M)
 *   npm run bench -- --quick                       short loops, CRL 10k + 100k
 *   npm run bench -- --suite crl --sizes 10000,100000,1000000
 *   npm run bench -- --suite keygen,csr --seconds 2 --markdown .tmp/bench.md
 *
 * Results: a table per suite on stdout, JSON in .tmp/bench-results.json (--json to change).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { BENCH_DIR } from "./lib/child";
import { runOpensslSpeed, type BenchContext, type BenchOptions, type OpensslSpeed } from "./lib/fixtures";
import { machineInfo } from "./lib/machine";
import { fmtMs, renderConsole, renderMarkdown, type SuiteResult } from "./lib/report";
import { crlSuite } from "./suites/crl";
import { csrSuite } from "./suites/csr";
import { issuanceSuite } from "./suites/issuance";
import { keygenSuite } from "./suites/keygen";
import { pkcs12Suite } from "./suites/pkcs12";
import { serviceSuite } from "./suites/service";

const SUITES: Record<string, (ctx: BenchContext) => Promise<SuiteResult>> = {
  keygen: keygenSuite,
  issuance: issuanceSuite,
  pkcs12: pkcs12Suite,
  csr: csrSuite,
  crl: crlSuite,
  service: serviceSuite,
};

const HELP = `Usage: npm run bench -- [options]

  --suite LIST     comma-separated suites: ${Object.keys(SUITES).join(", ")} (default: all)
  --sizes LIST     CRL sizes in revoked entries (default 10000,100000,1000000; --quick: 10000,100000)
  --quick          fewer samples and 1 s loops, CRL 10k + 100k: a smoke run of a few minutes
  --seconds N      duration of each rate loop and of \`openssl speed\` (default 3, --quick 1)
  --json FILE      where to write the results (default .tmp/bench-results.json)
  --markdown FILE  also write the tables as Markdown
  --keep           keep the scratch directory (keys, CSRs, index.txt) for inspection
  -h, --help       this text
`;

function parseOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      suite: { type: "string" },
      sizes: { type: "string" },
      quick: { type: "boolean", default: false },
      seconds: { type: "string" },
      json: { type: "string" },
      markdown: { type: "string" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const suites = values.suite ? values.suite.split(",").map((s) => s.trim()).filter(Boolean) : Object.keys(SUITES);
  for (const s of suites) if (!SUITES[s]) throw new Error(`Unknown suite "${s}"; choose from ${Object.keys(SUITES).join(", ")}.`);
  const quick = values.quick ?? false;
  const sizes = values.sizes
    ? values.sizes.split(",").map((s) => Number(s.replace(/[_\s]/g, "").replace(/k$/i, "000").replace(/m$/i, "000000")))
    : quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  for (const n of sizes) if (!Number.isInteger(n) || n < 1 || n > 5_000_000) throw new Error(`Bad CRL size "${n}": use whole numbers up to 5000000.`);
  const seconds = values.seconds ? Number(values.seconds) : quick ? 1 : 3;
  if (!(seconds > 0 && seconds <= 60)) throw new Error("--seconds must be between 0 and 60.");
  return {
    suites,
    crlSizes: sizes,
    quick,
    seconds,
    jsonPath: path.resolve(values.json ?? path.join(BENCH_DIR, "..", ".tmp", "bench-results.json")),
    markdownPath: values.markdown ? path.resolve(values.markdown) : undefined,
    keep: values.keep ?? false,
  };
}

async function main(): Promise<void> {
  const opts = parseOptions();
  const started = performance.now();
  const machine = machineInfo();
  const workDir = mkdtempSync(path.join(os.tmpdir(), "inkan-bench-"));
  let speed: OpensslSpeed | undefined;
  const log = (msg: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}\n`);
  const ctx: BenchContext = {
    opts,
    workDir,
    log,
    speed: () => {
      if (!speed) {
        log(`openssl speed -seconds ${opts.seconds} rsa2048 ecdsap256`);
        speed = runOpensslSpeed(opts.seconds);
      }
      return speed;
    },
  };
  log(`${machine.cpuModel}, ${machine.nproc} CPUs, ${machine.node}, ${machine.openssl}; load average ${machine.loadAverageAtStart.join(" ")}`);
  log(`suites: ${opts.suites.join(", ")}${opts.suites.includes("crl") ? `; CRL sizes ${opts.crlSizes.join(", ")}` : ""}${opts.quick ? " (quick)" : ""}`);

  const results: SuiteResult[] = [];
  const errors: { suite: string; error: string }[] = [];
  try {
    for (const name of opts.suites) {
      const t0 = performance.now();
      log(`suite ${name}`);
      try {
        const r = await SUITES[name](ctx);
        r.elapsedMs = performance.now() - t0;
        results.push(r);
        process.stdout.write(renderConsole(r) + "\n");
      } catch (err) {
        const message = err instanceof Error ? err.stack ?? err.message : String(err);
        errors.push({ suite: name, error: message });
        log(`suite ${name} FAILED: ${message}`);
      }
    }
  } finally {
    if (!opts.keep) rmSync(workDir, { recursive: true, force: true });
    else log(`scratch files kept in ${workDir}`);
  }

  const totalMs = performance.now() - started;
  const summary = results.flatMap((r) => r.rows.filter((row) => row.verdict !== "info").map((row) => ({ suite: r.suite, case: row.case, verdict: row.verdict })));
  const missed = summary.filter((s) => s.verdict === "MISS");
  const doc = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    options: opts,
    machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    totalMs,
    opensslSpeed: speed,
    summary: { pass: summary.length - missed.length, miss: missed.length, missed },
    suites: results,
    errors,
  };
  mkdirSync(path.dirname(opts.jsonPath), { recursive: true });
  writeFileSync(opts.jsonPath, JSON.stringify(doc, null, 2) + "\n");
  if (opts.markdownPath) {
    mkdirSync(path.dirname(opts.markdownPath), { recursive: true });
    writeFileSync(opts.markdownPath, results.map(renderMarkdown).join("\n\n") + "\n");
  }
  process.stdout.write(
    `\n${summary.length - missed.length} targets met, ${missed.length} missed${missed.length ? `: ${missed.map((m) => `${m.suite} ${m.case}`).join("; ")}` : ""}.` +
      ` Total ${fmtMs(totalMs)}; load average ${doc.machine.loadAverageAtEnd.join(" ")}. Results: ${path.relative(process.cwd(), opts.jsonPath)}\n`,
  );
  if (errors.length) {
    process.stderr.write(`${errors.length} suite(s) failed: ${errors.map((e) => e.suite).join(", ")}\n`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
