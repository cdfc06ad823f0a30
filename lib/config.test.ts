import { describe, expect, it } from "vitest";
import { getConfig } from "./config";

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

describe("the deploy debounce setting", () => {
  it("is unset by default, so the scheduler keeps its own", () => {
    expect(getConfig(env({})).deployDebounceMs).toBeUndefined();
  });

  it("is read in seconds, from 0 up to 4 minutes", () => {
    expect(getConfig(env({ INKAN_DEPLOY_DEBOUNCE_SECONDS: "0" })).deployDebounceMs).toBe(0);
    expect(getConfig(env({ INKAN_DEPLOY_DEBOUNCE_SECONDS: "240" })).deployDebounceMs).toBe(240_000);
  });

  it("refuses a value that would delay a revocation past 5 minutes, naming the variable", () => {
    expect(() => getConfig(env({ INKAN_DEPLOY_DEBOUNCE_SECONDS: "241" }))).toThrow(/INKAN_DEPLOY_DEBOUNCE_SECONDS/);
    expect(() => getConfig(env({ INKAN_DEPLOY_DEBOUNCE_SECONDS: "-1" }))).toThrow(/INKAN_DEPLOY_DEBOUNCE_SECONDS/);
  });
});

describe("the invitation lifetime", () => {
  it("is 72 hours unless INKAN_INVITATION_TTL_HOURS says otherwise, up to 30 days", () => {
    expect(getConfig(env({})).invitationTtlMs).toBe(72 * 3_600_000);
    expect(getConfig(env({ INKAN_INVITATION_TTL_HOURS: "24" })).invitationTtlMs).toBe(24 * 3_600_000);
    expect(() => getConfig(env({ INKAN_INVITATION_TTL_HOURS: "0" }))).toThrow(/INKAN_INVITATION_TTL_HOURS/);
    expect(() => getConfig(env({ INKAN_INVITATION_TTL_HOURS: "721" }))).toThrow(/INKAN_INVITATION_TTL_HOURS/);
  });
});
