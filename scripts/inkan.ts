// The operations CLI for scripts and cron: `npm run inkan -- <command> [options]`.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { getConfig } from "@/lib/config";
import { closeDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { CLI_ACTOR, verifyAuditChain } from "@/lib/audit";
import { createAccount } from "@/lib/accounts";
import { certificateJson, getCertificate, issueFromCsr, publishCrl, revokeCertificate, revocationReasonSchema, serialSchema, DEFAULT_CA_SLUG } from "@/lib/ca";
import { InkanError, isInkanError, toProblem } from "@/lib/errors";
import { bootstrap } from "@/lib/setup";
import type { RevocationReason } from "@/lib/pki";

const USAGE = `Usage: npm run inkan -- <command> [options] [--json]

Commands:
  init                                                      apply migrations, create the default CA and first administrator
  account create --kind user|server --name <id> [--email <addr>] [--display-name <name>] [--hostname <fqdn>]...
  issue --account <name> --csr <file> [--ca <slug>]        issue from a CSR (PEM or DER); prints the certificate
  revoke --serial <hex> --reason <reason> [--ca <slug>]    revoke and republish the CRL
  crl publish [--ca <slug>]                                 sign and publish a new CRL now
  certificate show --serial <hex> [--ca <slug>]
  audit verify                                              check the audit log's hash chain
`;

type Out = { json: boolean };

function print(out: Out, data: Record<string, unknown>, text: string) {
  console.log(out.json ? JSON.stringify(data, null, 2) : text);
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new InkanError("VALIDATION", `Missing --${flag}.\n\n${USAGE}`);
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
    if ((err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) throw new InkanError("VALIDATION", `${(err as Error).message}\n\n${USAGE}`);
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
      serial: { type: "string" }, reason: { type: "string" }, ca: { type: "string" }, help: { type: "boolean", short: "h" },
    },
  });
}

async function runCommand(values: ReturnType<typeof parseOptions>["values"], positionals: string[]): Promise<number> {
  const out = { json: Boolean(values.json) };
  const command = positionals.join(" ");
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
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
      if (kind !== "user" && kind !== "server") throw new InkanError("VALIDATION", "--kind is user or server.");
      const a = await createAccount({ kind, name: need(values.name, "name"), email: values.email, displayName: values["display-name"], hostnames: values.hostname ?? [] }, CLI_ACTOR);
      print(out, { id: a.id, kind: a.kind.toLowerCase(), name: a.name, email: a.email, hostnames: a.hostnames }, `created ${a.kind.toLowerCase()} account ${a.name}`);
      return 0;
    }
    case "issue": {
      const file = need(values.csr, "csr");
      let csr: Buffer;
      try {
        csr = readFileSync(file);
      } catch {
        throw new InkanError("VALIDATION", `Cannot read the CSR file ${file}.`);
      }
      const cert = await issueFromCsr({ account: need(values.account, "account"), csr, ca: values.ca }, CLI_ACTOR);
      const json = certificateJson(await getCertificate(cert.serial, cert.caSlug));
      print(out, json, json.certificate as string);
      return 0;
    }
    case "revoke": {
      const serial = serialSchema.safeParse(need(values.serial, "serial"));
      if (!serial.success) throw new InkanError("VALIDATION", serial.error.issues[0].message);
      const reason = revocationReasonSchema.safeParse(values.reason ?? "unspecified");
      if (!reason.success) throw new InkanError("VALIDATION", reason.error.issues[0].message);
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
      if (!serial.success) throw new InkanError("VALIDATION", serial.error.issues[0].message);
      const json = certificateJson(await getCertificate(serial.data, values.ca));
      print(out, json, JSON.stringify(json, null, 2));
      return 0;
    }
    case "audit verify": {
      const result = await verifyAuditChain();
      print(out, { ...result }, result.ok ? `audit chain OK (${result.events} events)` : `audit chain BROKEN at event ${result.firstBrokenSeq}: ${result.reason}`);
      return result.ok ? 0 : 1;
    }
    default:
      throw new InkanError("VALIDATION", `Unknown command "${command}".\n\n${USAGE}`);
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
