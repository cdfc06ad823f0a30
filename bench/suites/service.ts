/**
 * Suite 6: end-to-end issuance through the service layer (lib/ca issueFromCsr: CSR in →
 * stored certificate + audit event) on SQLite, against the PKI core rate measured in the
 * same child process.
 */
import path from "node:path";
import type { ServiceChildArgs, ServiceChildResult } from "../children/service-child";
import { runChild } from "../lib/child";
import { opensslCsr, type BenchContext } from "../lib/fixtures";
import { fmtMs, fmtPct, fmtRate, verdict, type Row, type SuiteResult } from "../lib/report";

const TARGET_SHARE = 0.5;

export async function serviceSuite(ctx: BenchContext): Promise<SuiteResult> {
  const { file } = opensslCsr(path.join(ctx.workDir, "service"), "RSA-2048");
  const args: ServiceChildArgs = { csrFile: file, seconds: ctx.opts.seconds, keep: ctx.opts.keep };
  ctx.log("service: issueFromCsr on SQLite (child process)");
  const r = await runChild<ServiceChildResult>("service-child.ts", args);
  if (!r.auditChainOk) throw new Error("service bench: the audit chain does not verify after the run");

  const rows: Row[] = [];
  const cases = [
    { name: "issueFromCsr, serial (1 caller)", ours: r.serial, core: r.core, coreName: "core, serial" },
    { name: "issueFromCsr, 4 concurrent callers", ours: r.concurrent4, core: r.core4, coreName: "core, 4 in flight" },
    { name: "issueFromCsr, 16 concurrent callers", ours: r.concurrent16, core: r.core16, coreName: "core, 16 in flight" },
  ];
  for (const c of cases) {
    const share = c.ours.perSecond / c.core.perSecond;
    const ofSerialCore = c.ours.perSecond / r.core.perSecond;
    rows.push({
      case: c.name,
      ours: `${fmtRate(c.ours.perSecond)} (${fmtMs(c.ours.msPerOp)}/cert wall, CPU ${fmtMs(c.ours.cpuMsPerOp)}/cert)`,
      reference: `${c.coreName} ${fmtRate(c.core.perSecond)}`,
      ratio: c.ours === r.serial ? `${fmtPct(share)} of core` : `${fmtPct(share)} of core (${fmtPct(ofSerialCore)} of the serial core rate)`,
      target: "≥ 50% of core",
      verdict: verdict(share >= TARGET_SHARE),
      data: { perSecond: c.ours.perSecond, corePerSecond: c.core.perSecond, share, ofSerialCore },
    });
  }
  const serviceOverhead = r.serial.msPerOp - r.core.msPerOp - r.parseCsrPerOpMs;
  return {
    suite: "service",
    title: "6. End-to-end issuance through lib/ca on SQLite (certificates per second)",
    referenceHeader: "PKI core (same process)",
    rows,
    notes: [
      "Ours: `issueFromCsr({ account, csr }, CLI_ACTOR)` on a fresh SQLite database (migrateDatabase, bootstrap with an RSA-2048 CA, one server account); each call parses the CSR, loads account and CA, signs, and stores certificate + audit event in one transaction.",
      "Core: `buildCertificate` for the same kind of profile with an RSA-2048 CA in the same process, with the same number of calls in flight as the service row: each row compares like with like (with several in flight, the core signs on both cores through libuv's pool).",
      "SQLite runs in WAL mode with `synchronous = FULL` (every commit waits for its WAL sync). Concurrent callers read their accounts and templates together (`ReadBatch`, lib/db.ts: 4 queries per batch) and are written together by group commit (`GroupCommit`: one transaction, one INSERT of the certificates, one of the audit events and one sync per batch); a lone caller still costs 10 queries.",
      `Per certificate (serial): service ${fmtMs(r.serial.msPerOp)} = core signing ${fmtMs(r.core.msPerOp)} + parseCsr ${fmtMs(r.parseCsrPerOpMs)} + database/audit/other ${fmtMs(serviceOverhead)}. ${r.issued} certificates and ${r.auditEvents} audit events written; the audit chain verifies.`,
    ],
    raw: { ...r },
  };
}
