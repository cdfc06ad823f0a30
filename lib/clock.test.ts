import { afterEach, describe, expect, it, vi } from "vitest";
import { getConfig, resetConfigForTests } from "./config";
import { advanceTestClock, clockFor } from "./clock";
import { InkanError } from "./errors";

function withEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  resetConfigForTests();
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetConfigForTests();
});

describe("test clock", () => {
  it("does not exist without INKAN_TEST_CLOCK=on: no shift", () => {
    withEnv({ INKAN_TEST_CLOCK: undefined, INKAN_PUBLIC_URL: "http://127.0.0.1:3000" });
    expect(() => advanceTestClock("ua:off", 60)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    const before = Date.now();
    expect(Math.abs(clockFor("ua:off")().getTime() - before)).toBeLessThan(1000);
  });

  it("cannot be switched on for a server with a non-loopback public URL", () => {
    const env = { NODE_ENV: "production", INKAN_TEST_CLOCK: "on", INKAN_PUBLIC_URL: "https://ca.example.com" } as NodeJS.ProcessEnv;
    expect(() => getConfig(env)).toThrow(/INKAN_TEST_CLOCK: "on" is for end-to-end tests only and needs INKAN_PUBLIC_URL on a loopback address/);
    expect(getConfig({ ...env, INKAN_PUBLIC_URL: "http://127.0.0.1:3311" }).testClock).toBe(true);
    // Only the exact word switches it on; anything else stops the start instead of guessing.
    expect(() => getConfig({ ...env, INKAN_PUBLIC_URL: "http://127.0.0.1:3311", INKAN_TEST_CLOCK: "yes" } as NodeJS.ProcessEnv)).toThrow(/INKAN_TEST_CLOCK/);
  });

  it("moves one scope forward and leaves every other scope on the wall clock", () => {
    withEnv({ INKAN_TEST_CLOCK: "on", INKAN_PUBLIC_URL: "http://127.0.0.1:3000" });
    const scope = `ua:shift-${Math.random()}`;
    expect(advanceTestClock(scope, 30)).toEqual({ scope, shiftMinutes: 30 });
    expect(advanceTestClock(scope, 2)).toEqual({ scope, shiftMinutes: 32 });
    const now = Date.now();
    expect(clockFor(scope)().getTime() - now).toBeGreaterThanOrEqual(32 * 60_000 - 1000);
    expect(Math.abs(clockFor("ua:other")().getTime() - now)).toBeLessThan(1000);
    expect(() => advanceTestClock(scope, 0)).toThrow(InkanError);
    expect(() => advanceTestClock(scope, -5)).toThrow(InkanError);
  });
});
