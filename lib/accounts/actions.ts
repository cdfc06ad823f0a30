"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/guard";
import { STAFF } from "@/lib/auth";
import { InkanError } from "@/lib/errors";
import { runAction, type ActionResult } from "@/lib/action-result";
import { requestLocale } from "@/lib/i18n/locale";
import { createAccount, setAccountStatus, updateAccount } from "./mutations";
import { deleteAccount, type DeleteAccountResult } from "./delete";
import { previewAccountImport, MAX_IMPORT_BYTES, type ImportPlan } from "./import";
import { splitHostnames } from "./schema";

const path = (name: string) => `/ra/accounts/${encodeURIComponent(name)}`;

/** RA console: create a user or server account from the form. */
export async function createAccountAction(_prev: unknown, form: FormData): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const account = await createAccount(
      {
        kind: form.get("kind") === "server" ? "server" : "user",
        name: String(form.get("name") ?? ""),
        displayName: String(form.get("displayName") ?? ""),
        email: String(form.get("email") ?? ""),
        hostnames: splitHostnames(form.get("hostnames") as string | null),
        uaPassword: String(form.get("uaPassword") ?? ""),
      },
      actor,
    );
    revalidatePath("/ra/accounts");
    return { name: account.name };
  });
}

/** RA console: the account page's edit form (fields absent from the form stay as they are). */
export async function updateAccountAction(name: string, _prev: unknown, form: FormData): Promise<ActionResult<{ changed: string[] }>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const text = (k: string) => (form.has(k) ? String(form.get(k) ?? "") : undefined);
    const hostnames = text("hostnames");
    const uaPassword = text("uaPassword");
    const { changed } = await updateAccount(
      name,
      {
        displayName: text("displayName"),
        email: text("email"),
        hostnames: hostnames === undefined ? undefined : splitHostnames(hostnames),
        // An empty password field means "keep the current one".
        uaPassword: uaPassword ? uaPassword : undefined,
      },
      actor,
    );
    revalidatePath(path(name));
    return { changed };
  });
}

export async function setAccountStatusAction(name: string, status: "ACTIVE" | "DISABLED"): Promise<ActionResult<{ status: string }>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    if (status !== "ACTIVE" && status !== "DISABLED") throw new InkanError("VALIDATION", { en: "The status must be ACTIVE or DISABLED.", ja: "状態は ACTIVE か DISABLED を指定してください。" });
    const account = await setAccountStatus(name, status, actor);
    revalidatePath(path(name));
    return { status: account.status };
  });
}

export async function deleteAccountAction(name: string, certificates: "revoke" | "keep"): Promise<ActionResult<DeleteAccountResult>> {
  return runAction(async () => {
    const actor = await requireActor(STAFF);
    const result = await deleteAccount(name, certificates, actor);
    revalidatePath("/ra/accounts");
    revalidatePath(path(name));
    return result;
  });
}

/** CSV import, step 1: validate every row against the database and show what would happen. */
export async function previewImportAction(_prev: unknown, form: FormData): Promise<ActionResult<ImportPlan>> {
  return runAction(async () => {
    await requireActor(STAFF);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new InkanError("VALIDATION", { en: "Choose a CSV file to preview.", ja: "プレビューするCSVファイルを選んでください。" });
    if (file.size > MAX_IMPORT_BYTES) throw new InkanError("TOO_LARGE", { en: `The CSV file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into several files.`, ja: `CSVファイルが ${MAX_IMPORT_BYTES / 1024 / 1024} MB を超えています。複数のファイルに分けてください。` });
    return previewAccountImport(new Uint8Array(await file.arrayBuffer()), await requestLocale());
  });
}
