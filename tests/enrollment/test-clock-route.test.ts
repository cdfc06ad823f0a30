// POST /api/test/clock outside the e2e server: without INKAN_TEST_CLOCK=on it does not exist,
// whoever asks (the flag is checked before anything else, so no credentials are even read).
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "../../lib/config";
import { POST } from "../../app/api/test/clock/route";

afterEach(() => {
  vi.unstubAllEnvs();
  resetConfigForTests();
});

describe("POST /api/test/clock", () => {
  it.each([undefined, "off"])("answers 404 when INKAN_TEST_CLOCK is %s, even to a bearer token", async (flag) => {
    vi.stubEnv("INKAN_TEST_CLOCK", flag);
    vi.stubEnv("INKAN_PUBLIC_URL", "http://127.0.0.1:3000");
    resetConfigForTests();
    const response = await POST(new Request("http://127.0.0.1:3000/api/test/clock", {
      method: "POST", headers: { "content-type": "application/json", authorization: "Bearer anything" }, body: JSON.stringify({ ua: "default", minutes: 60 }),
    }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "NOT_FOUND" });
  });
});
