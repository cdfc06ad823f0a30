import { test, expect } from "./fixtures";
import { AccountImportPage } from "./pages/account-import-page";
import { AccountPage } from "./pages/account-page";

test("CSV import: the preview flags a bad row before anything is written, the import shows progress and results, and a re-run changes nothing", async ({ page, api, uniqueName }) => {
  const tag = uniqueName("csv");
  const csv = [
    "user_id,name,email,groups,hostnames",
    `${tag}-u1,"Yamada, Taro",${tag}-u1@e2e.inkan.test,,`,
    `${tag}-u2,山田 花子,${tag}-u2@e2e.inkan.test,,`,
    `${tag}-bad,Broken,not-an-address,,`,
    `${tag}-srv,,,,WWW.${tag}.e2e.test;api.${tag}.e2e.test`,
  ].join("\r\n") + "\r\n";
  const importer = new AccountImportPage(page);
  await importer.goto();

  await test.step("preview: per-row results, the error row explained, nothing written", async () => {
    await importer.preview(`${tag}.csv`, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
    await expect(importer.summary).toContainText("3 to create, 0 to update, 0 unchanged, 1 with errors");
    await expect(importer.row(4)).toContainText("Error");
    await expect(importer.row(4)).toContainText("Enter a valid e-mail address.");
    await expect(importer.row(2)).toContainText("Create");
    expect((await api.get(`/api/v1/accounts/${tag}-u1`)).status()).toBe(404);
  });

  await test.step("import: progress, then per-row results", async () => {
    await importer.run.click();
    await expect(importer.done).toHaveText("Import finished: 3 created, 0 updated, 0 unchanged, 1 with errors.");
    await expect(importer.row(5)).toContainText("Create");
    const srv = (await (await api.get(`/api/v1/accounts/${tag}-srv`)).json()) as { kind: string; hostnames: string[] };
    expect(srv).toMatchObject({ kind: "server", hostnames: [`www.${tag}.e2e.test`, `api.${tag}.e2e.test`] });
    const account = new AccountPage(page);
    await account.goto(`${tag}-u1`);
    await expect(account.detail(account.info, "Display name")).toHaveText("Yamada, Taro");
  });

  await test.step("re-run the same file: every good row is unchanged and nothing is offered for import", async () => {
    await importer.goto();
    await importer.preview(`${tag}.csv`, csv);
    await expect(importer.summary).toContainText("0 to create, 0 to update, 3 unchanged, 1 with errors");
    await expect(importer.nothing).toBeVisible();
    await expect(importer.run).toHaveCount(0);
  });
});

test("CSV import refuses a file without a user_id column with a message that names the expected header", async ({ page }) => {
  const importer = new AccountImportPage(page);
  await importer.goto();
  await importer.form.getByLabel("CSV file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("name,mail\nx,y\n") });
  await importer.form.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-error")).toContainText("The CSV header has no user_id column (found: name, mail)");
});

test("a 5,000-row CSV over 1 MB (the framework's default upload limit) previews in one go; a file over 5 MB is refused before upload", async ({ page, uniqueName }) => {
  const tag = uniqueName("bulk");
  // Long display names push the file past 1 MB. The import itself of 5,000 rows is covered by
  // tests/accounts/import.test.ts; here the browser's upload path is what is under test.
  const padding = "x".repeat(180);
  const rows = Array.from({ length: 5000 }, (_, i) => `${tag}-${i},"Bulk ${i} ${padding}",${tag}-${i}@e2e.inkan.test,,`);
  const csv = Buffer.from(["user_id,name,email,groups,hostnames", ...rows].join("\n") + "\n");
  expect(csv.byteLength).toBeGreaterThan(1024 * 1024);
  const importer = new AccountImportPage(page);
  await importer.goto();

  await test.step("preview", async () => {
    await importer.preview(`${tag}.csv`, csv);
    await expect(importer.summary).toContainText("5000 to create, 0 to update, 0 unchanged, 0 with errors");
    await expect(importer.run).toHaveText(/5000/);
  });

  await test.step("over 5 MB: our message, and nothing is sent", async () => {
    await importer.goto();
    let uploads = 0;
    page.on("request", (r) => { if (r.method() === "POST") uploads++; });
    await importer.form.getByLabel("CSV file").setInputFiles({ name: "huge.csv", mimeType: "text/csv", buffer: Buffer.alloc(5 * 1024 * 1024 + 1, "a") });
    await expect(page.getByTestId("import-error")).toHaveText("The CSV file is larger than 5 MB. Split it into several files.");
    await importer.form.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("import-error")).toHaveText("The CSV file is larger than 5 MB. Split it into several files.");
    expect(uploads).toBe(0);
  });
});
