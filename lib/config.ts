import path from "node:path";
import { z } from "zod";

// Every environment variable Inkan reads, parsed once. Nothing else reads process.env
// (lib/db.ts takes DATABASE_URL from here through getConfig()).
const keyAlgorithm = z.enum(["RSA-2048", "RSA-3072", "RSA-4096", "ECDSA-P256", "ECDSA-P384"]);

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  INKAN_DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  INKAN_PUBLIC_URL: z.string().url().optional(),
  INKAN_MASTER_KEY: z.string().optional(),
  INKAN_CA_KEY_ALGORITHM: keyAlgorithm.default("RSA-3072"),
  INKAN_CA_SUBJECT: z.string().default("CN=Inkan Issuing CA ia1,O=Inkan"),
  INKAN_CA_VALIDITY_DAYS: z.coerce.number().int().min(1).max(36500).default(3650),
  INKAN_CRL_VALIDITY_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(168),
  INKAN_ADMIN_EMAIL: z.string().email().optional(),
  INKAN_ADMIN_PASSWORD: z.string().min(12).optional(),
  INKAN_BOOTSTRAP_API_TOKEN: z.string().min(24).optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  INKAN_SCHEDULER: z.enum(["on", "off"]).default("on"),
  // End-to-end tests only: lets POST /api/test/clock move one UA's clock forward (lib/clock.ts).
  INKAN_TEST_CLOCK: z.enum(["on", "off"]).default("off"),
  // At most 4 minutes: with the scheduler's minute tick a revocation still reaches the trust
  // stores within 5 (issue 5).
  INKAN_DEPLOY_DEBOUNCE_SECONDS: z.coerce.number().int().min(0).max(240).optional(),
  // How long an administrator invitation link stays valid (hours; a month at most).
  INKAN_INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
});

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

export type KeyAlgorithmSetting = z.infer<typeof keyAlgorithm>;

export interface Config {
  port: number;
  dataDir: string;
  databaseUrl: string;
  publicUrl: string;
  masterKey: string | undefined;
  caKeyAlgorithm: KeyAlgorithmSetting;
  caSubject: string;
  caValidityDays: number;
  crlValidityHours: number;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  bootstrapApiToken: string | undefined;
  authSecret: string | undefined;
  schedulerEnabled: boolean;
  /** INKAN_TEST_CLOCK=on: the test-only clock shift exists (loopback public URL only). */
  testClock: boolean;
  /** How long the scheduler lets a new CRL settle before deploying it; unset: DEPLOY_SCHEDULE.quietMs. */
  deployDebounceMs: number | undefined;
  /** INKAN_INVITATION_TTL_HOURS: how long an administrator invitation link stays valid. */
  invitationTtlMs: number;
}

let cached: Config | undefined;

/** Parses the environment once; a bad value stops the start with a message naming it. */
export function getConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (cached && env === process.env) return cached;
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid Inkan configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const publicUrl = (e.INKAN_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  // A server anyone else can reach must never have a movable clock: the flag alone is not enough.
  if (e.INKAN_TEST_CLOCK === "on" && !LOOPBACK_HOSTS.has(new URL(publicUrl).hostname)) {
    throw new Error(`Invalid Inkan configuration:\n  INKAN_TEST_CLOCK: "on" is for end-to-end tests only and needs INKAN_PUBLIC_URL on a loopback address (got ${publicUrl}).`);
  }
  const dataDir = path.resolve(e.INKAN_DATA_DIR);
  const config: Config = {
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, "inkan.db")}`,
    publicUrl,
    masterKey: e.INKAN_MASTER_KEY,
    caKeyAlgorithm: e.INKAN_CA_KEY_ALGORITHM,
    caSubject: e.INKAN_CA_SUBJECT,
    caValidityDays: e.INKAN_CA_VALIDITY_DAYS,
    crlValidityHours: e.INKAN_CRL_VALIDITY_HOURS,
    adminEmail: e.INKAN_ADMIN_EMAIL,
    adminPassword: e.INKAN_ADMIN_PASSWORD,
    bootstrapApiToken: e.INKAN_BOOTSTRAP_API_TOKEN,
    authSecret: e.NEXTAUTH_SECRET,
    schedulerEnabled: e.INKAN_SCHEDULER === "on",
    testClock: e.INKAN_TEST_CLOCK === "on",
    deployDebounceMs: e.INKAN_DEPLOY_DEBOUNCE_SECONDS === undefined ? undefined : e.INKAN_DEPLOY_DEBOUNCE_SECONDS * 1000,
    invitationTtlMs: e.INKAN_INVITATION_TTL_HOURS * 3_600_000,
  };
  if (env === process.env) cached = config;
  return config;
}

/** Tests point the process at a fresh data directory or database. */
export function resetConfigForTests(): void {
  cached = undefined;
}
