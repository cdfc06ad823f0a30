import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { InkanError, isInkanError } from "@/lib/errors";
import { validationError } from "@/lib/i18n/validation";
import { CLI_ACTOR, recordEvent, recordStandaloneEvent, SYSTEM_ACTOR, type Actor } from "@/lib/audit";
import { createAdmin, createApiToken, countAdmins, insertAdmin, prepareAdmin } from "@/lib/auth";
import { setupSchema } from "@/lib/auth/schema";
import { createAuthority, DEFAULT_CA_SLUG } from "@/lib/ca";
import { ensureDefaultUa } from "@/lib/enrollment";
import { ensureBuiltInGroups } from "@/lib/groups";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export interface BootstrapReport {
  createdCa: boolean;
  createdAdmin: boolean;
  setupToken?: string;
}

async function ignoreConflict(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (err) {
    // Another instance starting at the same moment did it first.
    if (isInkanError(err) && err.code === "CONFLICT") return false;
    throw err;
  }
}

/**
 * First start: the default CA ia1, the first administrator (from env, or a one-time setup
 * token for /setup), and the bootstrap API token. Later starts find everything and change nothing.
 */
export async function bootstrap(now = new Date()): Promise<BootstrapReport> {
  const config = getConfig();
  const db = getDb();
  const report: BootstrapReport = { createdCa: false, createdAdmin: false };
  if (!(await db.certificateAuthority.findUnique({ where: { slug: DEFAULT_CA_SLUG }, select: { id: true } }))) {
    report.createdCa = await ignoreConflict(() =>
      createAuthority({
        slug: DEFAULT_CA_SLUG,
        subject: config.caSubject,
        keyAlgorithm: config.caKeyAlgorithm,
        validityDays: config.caValidityDays,
        crlValidityHours: config.crlValidityHours,
      }, SYSTEM_ACTOR, now),
    );
  }
  // The UA "default" bound to ia1, so /default/ua works out of the box.
  // (Not in the report: its shape is relied on by the CLI's JSON output.)
  if (await db.certificateAuthority.findUnique({ where: { slug: DEFAULT_CA_SLUG }, select: { id: true } })) {
    await ensureDefaultUa(DEFAULT_CA_SLUG, SYSTEM_ACTOR, now);
  }
  // Built-in templates and the groups "Users" / "SSL server certificate" (also for databases from before groups).
  await ensureBuiltInGroups(SYSTEM_ACTOR, now);
  if ((await countAdmins()) === 0) {
    if (config.adminEmail && config.adminPassword) {
      report.createdAdmin = await ignoreConflict(() =>
        createAdmin({ email: config.adminEmail!.toLowerCase(), role: "ADMIN", password: config.adminPassword!, name: "Administrator" }, SYSTEM_ACTOR),
      );
    } else {
      const token = randomBytes(18).toString("base64url");
      await db.setupState.upsert({ where: { id: 1 }, create: { id: 1, setupTokenHash: sha256(token) }, update: { setupTokenHash: sha256(token) } });
      report.setupToken = token;
    }
  }
  if (config.bootstrapApiToken) {
    const exists = await db.apiToken.findUnique({ where: { tokenHash: sha256(config.bootstrapApiToken) }, select: { id: true } });
    if (!exists) await ignoreConflict(() => createApiToken({ name: "bootstrap", role: "ADMIN", secret: config.bootstrapApiToken }, SYSTEM_ACTOR));
  }
  return report;
}

export async function setupRequired(): Promise<boolean> {
  return (await countAdmins()) === 0;
}

/** /setup: the one-time token printed on the console creates the first administrator. */
export async function completeSetup(input: { token: string; email: string; password: string }, actor: Actor = CLI_ACTOR, now = new Date()): Promise<void> {
  const parsed = setupSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  if (!(await setupRequired())) throw new InkanError("CONFLICT", { en: "Setup is already complete. Sign in at /ra/login.", ja: "セットアップはすでに完了しています。/ra/login からログインしてください。" });
  const state = await getDb().setupState.findUnique({ where: { id: 1 } });
  // A token spent a moment ago by a simultaneous submission is not a wrong token.
  if (!state?.setupTokenHash) throw new InkanError("CONFLICT", state?.completedAt ? { en: "Setup is already complete. Sign in at /ra/login.", ja: "セットアップはすでに完了しています。/ra/login からログインしてください。" } : { en: "There is no setup token: restart the server to print one.", ja: "セットアップトークンがありません。サーバを再起動して表示させてください。" });
  const expected = Buffer.from(state.setupTokenHash, "hex");
  const given = Buffer.from(sha256(parsed.data.token), "hex");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    // Every wrong token is recorded (never the typed value): /setup answers only until the
    // first administrator exists, a window the operator is watching, so there is no
    // lasting flood to fear and each attempt is worth seeing.
    await recordStandaloneEvent({ actor, action: "setup.complete", outcome: "FAILURE", details: { reason: "wrong-token", email: parsed.data.email } }, now);
    throw new InkanError("FORBIDDEN", { en: "The setup token is not the one printed on the server console at start. Copy it again (restart to print a new one).", ja: "セットアップトークンが、起動時にサーバのコンソールに表示されたものと違います。もう一度コピーしてください(再起動すると新しいトークンが表示されます)。" });
  }
  const admin = await prepareAdmin({ email: parsed.data.email, role: "ADMIN", password: parsed.data.password, name: "Administrator" });
  const tokenHash = state.setupTokenHash;
  await getDb().$transaction(async (tx) => {
    // Spending the token by one conditional update decides between simultaneous submissions;
    // if the administrator cannot be created, the rollback gives the token back for a retry.
    const { count } = await tx.setupState.updateMany({ where: { id: 1, setupTokenHash: tokenHash }, data: { setupTokenHash: null, completedAt: now } });
    if (count === 0) throw new InkanError("CONFLICT", { en: "This setup token was just used. Sign in at /ra/login.", ja: "このセットアップトークンはたった今使われました。/ra/login からログインしてください。" });
    const created = await insertAdmin(tx, admin, actor);
    await recordEvent(tx, { actor, action: "setup.complete", target: { type: "admin", id: created.email } }, now);
  });
}
