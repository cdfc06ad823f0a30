import { getDb, isUniqueViolation } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { recordEvent, type Actor } from "@/lib/audit";
import { hashPassword } from "@/lib/auth";
import { createAccountSchema, type CreateAccountInput } from "./schema";
import { toAccountView } from "./data";
import type { AccountView } from "./types";

/** Creates a user or server account; the UA password is stored only as an argon2id hash. */
export async function createAccount(input: CreateAccountInput, actor: Actor): Promise<AccountView> {
  const parsed = createAccountSchema.safeParse(input);
  if (!parsed.success) {
    throw new InkanError("VALIDATION", parsed.error.issues.map((i) => i.message).join(" "), {
      errors: parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
    });
  }
  const a = parsed.data;
  const uaPasswordHash = a.uaPassword ? await hashPassword(a.uaPassword) : null;
  const conflict = () => new InkanError("CONFLICT", `An account named "${a.name}" already exists. Choose another user ID or open the existing account.`);
  try {
    return await getDb().$transaction(async (tx) => {
      if (await tx.account.findUnique({ where: { name: a.name }, select: { id: true } })) throw conflict();
      const row = await tx.account.create({
        data: {
          kind: a.kind === "server" ? "SERVER" : "USER",
          name: a.name,
          displayName: a.displayName,
          email: a.email,
          hostnames: JSON.stringify([...new Set(a.hostnames)]),
          uaPasswordHash,
        },
      });
      await recordEvent(tx, {
        actor,
        action: "account.create",
        target: { type: "account", id: row.name },
        details: { kind: row.kind, email: row.email, hostnames: a.hostnames },
      });
      return toAccountView(row);
    });
  } catch (err) {
    // Two simultaneous creations: the unique index decides, and the loser hears the same as a late one.
    if (isUniqueViolation(err)) throw conflict();
    throw err;
  }
}
