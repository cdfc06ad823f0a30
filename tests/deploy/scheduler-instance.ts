// One app instance's scheduled deploy pass, as a separate process for
// tests/deploy/scheduler-instances.test.ts:
//   node --import tsx tests/deploy/scheduler-instance.ts <holder> <now ISO>
// Connects to DATABASE_URL, prints "ready", waits for a line on stdin (so that every instance
// starts its pass at the same moment), runs refreshDueTargets once and prints its runs as JSON.
import { once } from "node:events";
import { createInterface } from "node:readline";
import { getDb } from "../../lib/db";
import { refreshDueTargets } from "../../lib/deploy";
import { FAST_RETRY } from "./helpers";

const [holder, nowIso] = process.argv.slice(2);
if (!holder || !nowIso) throw new Error("usage: scheduler-instance.ts <holder> <now ISO>");

await getDb().$queryRaw`SELECT 1`; // connected before the start signal, not during the race
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
await once(lines, "line");
lines.close();
const runs = await refreshDueTargets(new Date(nowIso), { holder, deploy: { retry: FAST_RETRY } });
process.stdout.write(`${JSON.stringify({ holder, runs: runs.map((r) => ({ target: r.targetName, trigger: r.trigger, status: r.status, error: r.errorCode })) })}\n`);
await getDb().$disconnect();
