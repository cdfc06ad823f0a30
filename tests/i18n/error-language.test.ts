import { describe, expect, it, vi } from "vitest";
import { InkanError, toProblem } from "@/lib/errors";
import { runAction } from "@/lib/action-result";
import { handle } from "@/lib/http";
import { apiLocale } from "@/lib/i18n/locale";
import { validationError } from "@/lib/i18n/validation";
import { createAccountSchema } from "@/lib/accounts/schema";

// The request the action runs under; `null` means "no request" (as in a script).
const request = vi.hoisted(() => ({ current: null as null | { cookie?: string; acceptLanguage?: string } }));
vi.mock("next/headers", () => {
  const need = () => {
    if (!request.current) throw new Error("`headers` was called outside a request scope.");
    return request.current;
  };
  return {
    cookies: async () => {
      const r = need();
      return { get: (name: string) => (name === "inkan-locale" && r.cookie ? { name, value: r.cookie } : undefined) };
    },
    headers: async () => new Headers(need().acceptLanguage ? { "accept-language": need().acceptLanguage! } : {}),
  };
});

const refusal = () => new InkanError("CONFLICT", { en: 'An account named "a" already exists.', ja: "アカウント「a」はすでにあります。" });
const invalidAccount = () => {
  const parsed = createAccountSchema.safeParse({ kind: "user", name: "a b", email: "nope" });
  if (parsed.success) throw new Error("the input should be invalid");
  return validationError(parsed.error.issues);
};

describe("server actions answer in the caller's language", () => {
  it("a ja cookie gives the Japanese message and field messages", async () => {
    request.current = { cookie: "ja", acceptLanguage: "en-US" };
    expect(await runAction(async () => { throw refusal(); })).toEqual({ ok: false, error: { code: "CONFLICT", message: "アカウント「a」はすでにあります。" } });
    const r = await runAction(async () => { throw invalidAccount(); });
    expect(!r.ok && r.error.fields).toEqual({ name: expect.stringContaining("英数字と . _ @ - だけ"), email: "正しいメールアドレスを入力してください。" });
  });

  it("without a cookie, Accept-Language ja gives Japanese; an en cookie wins over it", async () => {
    request.current = { acceptLanguage: "ja,en;q=0.8" };
    expect(await runAction(async () => { throw refusal(); })).toMatchObject({ error: { message: "アカウント「a」はすでにあります。" } });
    request.current = { cookie: "en", acceptLanguage: "ja" };
    expect(await runAction(async () => { throw refusal(); })).toMatchObject({ error: { message: 'An account named "a" already exists.' } });
  });

  it("outside a request the message is English, and an unexpected error never shows its text", async () => {
    request.current = null;
    expect(await runAction(async () => { throw refusal(); })).toMatchObject({ error: { message: 'An account named "a" already exists.' } });
    request.current = { cookie: "ja" };
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const r = await runAction(async () => { throw new Error("secret internals"); });
    expect(r).toEqual({ ok: false, error: { code: "INTERNAL", message: expect.stringMatching(/^予期しないエラーが発生しました。/) } });
  });
});

describe("the REST API answers in English unless the request prefers Japanese", () => {
  const failing = handle(async (_req: Request) => { throw invalidAccount(); });
  const call = (acceptLanguage?: string) => failing(new Request("http://inkan.test/api/v1/accounts", { headers: acceptLanguage ? { "accept-language": acceptLanguage } : {} }));

  it("by default: English detail and field messages, Content-Language en", async () => {
    const res = await call();
    expect(res.headers.get("content-language")).toBe("en");
    const body = await res.json();
    expect(body.detail).toMatch(/^Use letters, digits/);
    expect(body.errors).toContainEqual({ field: "email", message: "Enter a valid e-mail address." });
  });

  it("Accept-Language ja: Japanese detail and field messages, Content-Language ja", async () => {
    const res = await call("ja-JP,ja;q=0.9,en;q=0.5");
    expect(res.headers.get("content-language")).toBe("ja");
    const body = await res.json();
    expect(body.detail).toMatch(/^英数字と/);
    expect(body.errors).toContainEqual({ field: "email", message: "正しいメールアドレスを入力してください。" });
  });

  it("English ranked above Japanese stays English", () => {
    expect(apiLocale("en-US,ja;q=0.5")).toBe("en");
    expect(apiLocale("ja;q=0.4,en;q=0.3")).toBe("ja");
    expect(apiLocale("fr")).toBe("en");
    expect(apiLocale(null)).toBe("en");
    expect(toProblem(refusal()).detail).toBe('An account named "a" already exists.');
  });
});
