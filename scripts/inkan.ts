// The operations CLI for scripts and cron: `npm run inkan -- <command> [options]`.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { getConfig } from "@/lib/config";
import { closeDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { CLI_ACTOR, runAuditVerification, verifyExportFile } from "@/lib/audit";
import { createAccount, deleteAccount, importAccounts, setAccountStatus, type DeleteCertificatesChoice } from "@/lib/accounts";
import { certificateJson, getCertificate, issueFromCsr, publishCrl, revokeCertificate, revocationReasonSchema, serialSchema, DEFAULT_CA_SLUG } from "@/lib/ca";
import { createAuthority, keyAlgorithmSchema, recountCertificates, reindexCertificateText } from "@/lib/ca";
import { InkanError, isInkanError, toProblem } from "@/lib/errors";
import { bootstrap } from "@/lib/setup";
import { createAdmin, ROLES } from "@/lib/auth";
import { deployTarget, refreshDueTargets, DEPLOY_SCHEDULE } from "@/lib/deploy";
import type { KeyAlgorithm, RevocationReason } from "@/lib/pki";

// The CLI speaks English only (its usage text is English and scripts read its output); its own
// refusals need no Japanese text, while errors from lib/ keep both and print their English.
function usageError(message: string): InkanError {
  return new InkanError("VALIDATION", { en: message, ja: message });
}

const USAGE = `Usage: npm run inkan -- <command> [options] [--json]

Commands:
  init                                                      apply migrations, create the default CA and first administrator
  account create --kind user|server --name <id> [--email <addr>] [--display-name <name>] [--hostname <fqdn>]...
  account disable|enable --name <id>                        a disabled account cannot sign in at a UA nor get certificates
  account delete --name <id> --certificates revoke|keep     revoke its certificates (cessationOfOperation) or keep them valid
  account import --file <accounts.csv>                      CSV columns user_id,name,email,groups,hostnames (re-runs are safe)
  issue --account <name> --csr <file> [--ca <slug>]        issue from a CSR (PEM or DER); prints the certificate
  revoke --serial <hex> --reason <reason> [--ca <slug>]    revoke and republish the CRL
  crl publish [--ca <slug>]                                 sign and publish a new CRL now
  certificate show --serial <hex> [--ca <slug>]
  certificate recount                                       rebuild the dashboard's certificate counts (and SQLite's search index) from the certificates
  audit verify                                              check the audit log's hash chain and its head anchor
  audit verify --file <export.jsonl|export.csv>             verify an exported audit file offline (no database)
  ca create --slug <name> [--parent <slug>] [--subject <dn>] [--algorithm RSA-3072] [--days 3650] [--crl-hours 168]
                                                            a root CA, or with --parent an intermediate (pathLen 0)
  admin create --email <addr> --role ADMIN|OPERATOR|AUDITOR [--display-name <name>]
                                                            the password is read from INKAN_NEW_ADMIN_PASSWORD
                                                            (never from the command line, which ps and shell history keep)
  deploy --target <name> [--dry-run]                        push the CA bundle and current CRL to the target's ALB trust store
  deploy --due                                              refresh every target that needs it now (the scheduler's pass, for cron/EventBridge)
`;

type Out = { json: boolean };

function print(out: Out, data: Record<string, unknown>, text: string) {
  console.log(out.json ? JSON.stringify(data, null, 2) : text);
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw usageError(`Missing --${flag}.\n\n${USAGE}`);
  return value;
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  return runCommand(values, positionals);
}

function parseCommandLine(argv: string[]) {
  try {
    return parseOptions(argv);
  } catch (err) {
    // node:util parseArgs reports unknown or malformed options as a TypeError with a code.
    if ((err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) throw usageError(`${(err as Error).message}\n\n${USAGE}`);
    throw err;
  }
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      kind: { type: "string" }, name: { type: "string" }, email: { type: "string" }, "display-name": { type: "string" },
      hostname: { type: "string", multiple: true }, account: { type: "string" }, csr: { type: "string" },
      file: { type: "string" }, certificates: { type: "string" },
      serial: { type: "string" }, reason: { type: "string" }, ca: { type: "string" }, help: { type: "boolean", short: "h" },
      role: { type: "string" },
      target: { type: "string" }, "dry-run": { type: "boolean", default: false }, due: { type: "boolean", default: false },
      slug: { type: "string" }, parent: { type: "string" }, subject: { type: "string" }, algorithm: { type: "string" }, days: { type: "string" }, "crl-hours": { type: "string" },
    },
  });
}

async function verifyAuditExport(out: Out, file: string): Promise<number> {
  if (!existsSync(file)) throw usageError(`Cannot read the export file ${file}.`);
  const r = await verifyExportFile(file);
  const head = r.chainHead ? `chain head ${r.chainHead.seq} ${r.chainHead.hash}` : "empty log";
  print(out, { ...r }, r.ok
    ? `audit export OK: ${r.scope} export of ${r.events} events, ${head}${r.scope === "full" ? " (whole chain verified)" : " (each event's hash verified)"}`
    : `audit export BROKEN at line ${r.firstBrokenLine}${r.firstBrokenSeq ? ` (event ${r.firstBrokenSeq})` : ""}: ${r.reason}`);
  return r.ok ? 0 : 1;
}

async function runCommand(values: ReturnType<typeof parseOptions>["values"], positionals: string[]): Promise<number> {
  const out = { json: Boolean(values.json) };
  const command = positionals.join(" ");
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  // Offline: an exported audit file is verified without a database or configuration.
  if (command === "audit verify" && values.file) return verifyAuditExport(out, values.file);
  const config = getConfig();
  process.env.DATABASE_URL = config.databaseUrl;
  await migrateDatabase(config.databaseUrl);

  switch (command) {
    case "init": {
      const report = await bootstrap();
      print(out, { ...report }, [
        report.createdCa ? "created the default CA ia1" : "the default CA ia1 exists",
        report.createdAdmin ? "created the first administrator" : "",
        report.setupToken ? `setup token for /setup: ${report.setupToken}` : "",
      ].filter(Boolean).join("\n"));
      return 0;
    }
    case "account create": {
      const kind = need(values.kind, "kind");
      if (kind !== "user" && kind !== "server") throw usageError("--kind is user or server.");
      const a = await createAccount({ kind, name: need(values.name, "name"), email: values.email, displayName: values["display-name"], hostnames: values.hostname ?? [] }, CLI_ACTOR);
      print(out, { id: a.id, kind: a.kind.toLowerCase(), name: a.name, email: a.email, hostnames: a.hostnames }, `created ${a.kind.toLowerCase()} account ${a.name}`);
      return 0;
    }
    case "account disable":
    case "account enable": {
      const a = await setAccountStatus(need(values.name, "name"), command === "account disable" ? "DISABLED" : "ACTIVE", CLI_ACTOR);
      print(out, { name: a.name, status: a.status }, `account ${a.name} is ${a.status.toLowerCase()}`);
      return 0;
    }
    case "account delete": {
      const r = await deleteAccount(need(values.name, "name"), need(values.certificates, "certificates") as DeleteCertificatesChoice, CLI_ACTOR);
      print(out, { ...r }, `deleted account ${r.name}: ${r.revoked.length} certificate(s) revoked, ${r.kept} kept valid`);
      return 0;
    }
    case "account import": {
      const file = need(values.file, "file");
      if (!existsSync(file)) throw usageError(`Cannot read the CSV file ${file}.`);
      const r = await importAccounts(readFileSync(file), CLI_ACTOR, (p) => {
        if (p.type === "progress" && !out.json) process.stderr.write(`\r${p.done}/${p.total}`);
      });
      if (!out.json) process.stderr.write("\n");
      const errors = r.rows.filter((row) => row.action === "error").map((row) => `line ${row.line} (${row.userId || "no user ID"}): ${row.errors.join(" ")}`);
      print(out, { ...r }, [`${r.counts.create} created, ${r.counts.update} updated, ${r.counts.unchanged} unchanged, ${r.counts.error} with errors`, ...errors].join("\n"));
      return r.counts.error > 0 ? 1 : 0;
    }
    case "issue": {
      const file = need(values.csr, "csr");
      let csr: Buffer;
      try {
        csr = readFileSync(file);
      } catch {
        throw usageError(`Cannot read the CSR file ${file}.`);
      }
      const cert = await issueFromCsr({ account: need(values.account, "account"), csr, ca: values.ca }, CLI_ACTOR);
      const json = certificateJson(await getCertificate(cert.serial, cert.caSlug));
      print(out, json, json.certificate as string);
      return 0;
    }
    case "revoke": {
      const serial = serialSchema.safeParse(need(values.serial, "serial"));
      if (!serial.success) throw usageError(serial.error.issues[0].message);
      const reason = revocationReasonSchema.safeParse(values.reason ?? "unspecified");
      if (!reason.success) throw usageError(reason.error.issues[0].message);
      const cert = await revokeCertificate({ serial: serial.data, reason: reason.data as RevocationReason, ca: values.ca }, CLI_ACTOR);
      print(out, certificateJson(cert), `revoked ${cert.serial} (${reason.data}); CRL republished`);
      return 0;
    }
    case "crl publish": {
      const slug = values.ca ?? DEFAULT_CA_SLUG;
      const crl = await publishCrl(slug, CLI_ACTOR);
      print(out, { ca: slug, number: crl.number, entries: crl.entries, nextUpdate: crl.nextUpdate.toISOString() }, `published CRL #${crl.number} for ${slug} (${crl.entries} entries, next update ${crl.nextUpdate.toISOString()})`);
      return 0;
    }
    case "certificate show": {
      const serial = serialSchema.safeParse(need(values.serial, "serial"));
      if (!serial.success) throw usageError(serial.error.issues[0].message);
      const json = certificateJson(await getCertificate(serial.data, values.ca));
      print(out, json, JSON.stringify(json, null, 2));
      return 0;
    }
    case "certificate recount": {
      const counted = await recountCertificates();
      const indexed = await reindexCertificateText();
      print(out, { counted: counted.certificates, indexed: indexed.certificates }, `recounted ${counted.certificates} certificates${indexed.certificates ? `; search index rebuilt (${indexed.certificates})` : ""}`);
      return 0;
    }
    case "ca create": {
      const slug = need(values.slug, "slug");
      const algorithm = keyAlgorithmSchema.safeParse(values.algorithm ?? getConfig().caKeyAlgorithm);
      if (!algorithm.success) throw usageError(`--algorithm: ${algorithm.error.issues[0].message}`);
      const ca = await createAuthority({
        slug,
        name: values.name,
        subject: values.subject ?? `CN=Inkan ${values.parent ? "Intermediate" : "Issuing"} CA ${slug},O=Inkan`,
        keyAlgorithm: algorithm.data as KeyAlgorithm,
        validityDays: Number(values.days ?? (values.parent ? 1825 : 3650)),
        crlValidityHours: Number(values["crl-hours"] ?? getConfig().crlValidityHours),
        parent: values.parent,
      }, CLI_ACTOR);
      print(out, { slug: ca.slug, parent: values.parent ?? null }, `created CA ${ca.slug}${values.parent ? ` signed by ${values.parent}` : ""}; CRL at /crl/${ca.slug}_crl.der`);
      return 0;
    }
    case "audit verify": {
      // Recorded like the console's button, so the auditor's page shows a cron run's result too.
      const result = await runAuditVerification(CLI_ACTOR);
      // --json adds the head and the anchor: ship `head` off the machine for stronger evidence (docs/AUDIT.md).
      print(out, { ...result }, result.ok ? `audit chain OK (${result.events} events)` : `audit chain BROKEN at event ${result.firstBrokenSeq}: ${result.reason}`);
      return result.ok ? 0 : 1;
    }
    case "admin create": {
      const role = ROLES.find((r) => r === need(values.role, "role").toUpperCase());
      if (!role) throw usageError(`--role is one of ${ROLES.join(", ")}.`);
      const password = process.env.INKAN_NEW_ADMIN_PASSWORD;
      if (!password) throw usageError("Set INKAN_NEW_ADMIN_PASSWORD to the new administrator's initial password.");
      const email = need(values.email, "email").trim().toLowerCase();
      const admin = await createAdmin({ email, name: values["display-name"], role, password }, CLI_ACTOR);
      print(out, { id: admin.id, email, role }, `created administrator ${email} (${role})`);
      return 0;
    }
    case "deploy": {
      if (values.due) {
        // An explicit pass means "now": no debounce wait for a CRL published moments ago.
        const runs = await refreshDueTargets(new Date(), { actorLabel: "cli", schedule: { ...DEPLOY_SCHEDULE, quietMs: 0 } });
        print(out, { runs }, runs.length ? runs.map((r) => `${r.targetName}: ${r.status} (${r.trigger})${r.errorCode ? ` ${r.errorCode}: ${r.errorMessage}` : ""}`).join("\n") : "no target needed a refresh");
        return runs.every((r) => r.status === "SUCCEEDED") ? 0 : 1;
      }
      const outcome = await deployTarget(need(values.target, "target"), CLI_ACTOR, { dryRun: values["dry-run"], trigger: "CLI" });
      if (outcome.kind === "plan") {
        const p = outcome.plan;
        print(out, { plan: p }, [
          `dry run for ${p.targetName} (nothing changed)`,
          `  trust store: ${p.trustStoreExists ? "exists" : "would be created"}; bundle ${p.bundleChanged ? "differs, would be uploaded" : "up to date"}`,
          ...p.crls.map((c) => `  ${c.caSlug}: CRL ${c.crlNumber} (${c.entries} entries) ${c.add ? "would be added" : "already there"}`),
          `  RevocationIds to remove: ${p.revocationIdsToRemove.join(", ") || "none"}`,
          ...(p.quotaProblem ? [`  refused: ${p.quotaProblem}`] : []),
        ].join("\n"));
        return p.quotaProblem ? 1 : 0;
      }
      const r = outcome.run;
      print(out, { run: r }, r.status === "SUCCEEDED"
        ? `deployed ${r.targetName}: added ${r.revocationIdsAdded.join(", ") || "nothing"}, removed ${r.revocationIdsRemoved.join(", ") || "nothing"} (${r.durationMs} ms)`
        : `deploy of ${r.targetName} FAILED: ${r.errorCode}: ${r.errorMessage}`);
      return r.status === "SUCCEEDED" ? 0 : 1;
    }
    default:
      throw usageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

let code: number;
try {
  code = await run(process.argv.slice(2));
} catch (err) {
  const problem = toProblem(err);
  if (!isInkanError(err)) console.error(err);
  if (process.argv.includes("--json")) console.error(JSON.stringify(problem, null, 2));
  else console.error(`error: ${problem.detail}`);
  code = isInkanError(err) && err.code === "VALIDATION" ? 2 : 1;
} finally {
  await closeDb().catch(() => undefined);
}
process.exit(code!);
