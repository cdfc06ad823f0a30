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
  const serialShare = r.serial.perSecond / r.core.perSecond;
  const parShare = r.concurrent4.perSecond / r.core4.perSecond;
  rows.push({
    case: "issueFromCsr, serial (RSA-2048 CA)",
    ours: `${fmtRate(r.serial.perSecond)} (${fmtMs(r.serial.msPerOp)}/cert)`,
    reference: `core ${fmtRate(r.core.perSecond)} (${fmtMs(r.core.msPerOp)}/cert)`,
    ratio: `${fmtPct(serialShare)} of core`,
    target: "≥ 50% of core",
    verdict: verdict(serialShare >= TARGET_SHARE),
    data: { perSecond: r.serial.perSecond, corePerSecond: r.core.perSecond, share: serialShare },
  });
  rows.push({
    case: "issueFromCsr, 4 concurrent",
    ours: `${fmtRate(r.concurrent4.perSecond)} (CPU ${fmtMs(r.concurrent4.cpuMsPerOp)}/cert)`,
    reference: `core, 4 in flight ${fmtRate(r.core4.perSecond)}`,
    ratio: `${fmtPct(parShare)} of core`,
    target: "≥ 50% of core",
    verdict: verdict(parShare >= TARGET_SHARE),
    data: { perSecond: r.concurrent4.perSecond, corePerSecond: r.core4.perSecond, share: parShare },
  });
  const serviceOverhead = r.serial.msPerOp - r.core.msPerOp - r.parseCsrPerOpMs;
  return {
    suite: "service",
    title: "6. End-to-end issuance through lib/ca on SQLite (certificates per second)",
    referenceHeader: "PKI core (same process)",
    rows,
    notes: [
      "Ours: `issueFromCsr({ account, csr }, CLI_ACTOR)` on a fresh SQLite database (migrateDatabase, bootstrap with an RSA-2048 CA, one server account); each call parses the CSR, loads account and CA, signs, and stores certificate + audit event in one transaction.",
      "Core: `buildCertificate` for the same kind of profile with an RSA-2048 CA in the same process, sequential and with 4 in flight; the service rows compare like with like.",
      `Per certificate (serial): service ${fmtMs(r.serial.msPerOp)} = core signing ${fmtMs(r.core.msPerOp)} + parseCsr ${fmtMs(r.parseCsrPerOpMs)} + database/audit/other ${fmtMs(serviceOverhead)}. ${r.issued} certificates and ${r.auditEvents} audit events written; the audit chain verifies.`,
    ],
    raw: { ...r },
  };
}
