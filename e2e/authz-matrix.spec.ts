import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import { test, expect } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { AdminsPage } from "./pages/admins-page";
import { UaPortalPage } from "./pages/ua-portal";

// The authorization matrix: every server action in the production build and every route
// handler under app/, called as each identity that may NOT use it, must be refused, and
// must stay refused with the `x-middleware-subrequest` header set (CVE-2025-29927: the
// checks live in requireActor, not in middleware). The tables below say who may call what;
// an action or route missing from them fails the test, so new code has to be placed here.

type Identity = "anonymous" | "enduser" | "auditor" | "operator" | "admin";
const IDENTITIES: readonly Identity[] = ["anonymous", "enduser", "auditor", "operator", "admin"];
type Allowed = readonly Identity[] | "public";

const EVERYONE: readonly Identity[] = ["auditor", "operator", "admin"];
const STAFF: readonly Identity[] = ["operator", "admin"];
const ADMIN: readonly Identity[] = ["admin"];
const AUDIT: readonly Identity[] = ["auditor", "admin"];

/** Server actions by "<file>#<export>". `public` ones check something else (setup token, UA session). */
const ACTIONS: Record<string, Allowed> = {
  "lib/setup/actions.ts#completeSetupAction": "public",
  "lib/i18n/actions.ts#setLocaleAction": "public",
  "lib/enrollment/actions.ts#uaSignInAction": "public",
  "lib/enrollment/actions.ts#uaSignOutAction": "public",
  "lib/enrollment/actions.ts#chooseUaLayoutAction": "public", // a layout preference cookie
  "lib/enrollment/actions.ts#saveUaAction": ADMIN,
  "lib/enrollment/actions.ts#resetDeliveryAction": ADMIN,
  "lib/auth/actions.ts#createApiTokenAction": ADMIN,
  "lib/auth/actions.ts#revokeApiTokenAction": ADMIN,
  "lib/auth/actions.ts#createAdminAction": ADMIN,
  "lib/auth/actions.ts#updateAdminAction": ADMIN,
  "lib/auth/actions.ts#resetAdminPasswordAction": ADMIN,
  "lib/auth/actions.ts#resetTotpAction": ADMIN,
  "lib/auth/actions.ts#setSignInPolicyAction": ADMIN,
  "lib/auth/actions.ts#inviteAdminAction": ADMIN,
  "lib/auth/actions.ts#resendInvitationAction": ADMIN,
  "lib/auth/actions.ts#revokeInvitationAction": ADMIN,
  "lib/auth/actions.ts#acceptInvitationAction": "public", // the invitation token decides (invite.spec.ts covers it)
  "lib/auth/actions.ts#changeOwnPasswordAction": EVERYONE,
  "lib/auth/actions.ts#beginTotpEnrollmentAction": EVERYONE,
  "lib/auth/actions.ts#confirmTotpEnrollmentAction": EVERYONE,
  "lib/accounts/actions.ts#createAccountAction": STAFF,
  "lib/accounts/actions.ts#updateAccountAction": STAFF,
  "lib/accounts/actions.ts#setAccountStatusAction": STAFF,
  "lib/accounts/actions.ts#deleteAccountAction": STAFF,
  "lib/accounts/actions.ts#previewImportAction": STAFF,
  "lib/groups/actions.ts#saveGroupAction": STAFF,
  "lib/groups/actions.ts#deleteGroupAction": STAFF,
  "lib/groups/actions.ts#addMemberAction": STAFF,
  "lib/groups/actions.ts#removeMemberAction": STAFF,
  "lib/templates/actions.ts#saveTemplateAction": ADMIN,
  "lib/templates/actions.ts#deleteTemplateAction": ADMIN,
  "lib/ca/actions.ts#issueWithServerKeyAction": STAFF,
  "lib/ca/actions.ts#issueFromCsrAction": STAFF,
  "lib/ca/actions.ts#previewCsrAction": STAFF,
  "lib/ca/actions.ts#revokeCertificateAction": STAFF,
  "lib/ca/actions.ts#revokeCertificatesAction": STAFF,
  "lib/ca/actions.ts#publishCrlAction": ADMIN,
  "lib/ca/actions.ts#createAuthorityAction": ADMIN,
  "lib/ca/actions.ts#revokeAuthorityAction": ADMIN,
  "lib/deploy/actions.ts#createTargetAction": ADMIN,
  "lib/deploy/actions.ts#updateTargetAction": ADMIN,
  "lib/deploy/actions.ts#deleteTargetAction": ADMIN,
  "lib/deploy/actions.ts#deployAction": ADMIN,
  "lib/deploy/actions.ts#retryRunAction": ADMIN,
  "lib/deploy/actions.ts#importToAcmAction": ADMIN,
  "lib/deploy/actions.ts#exportForAcmAction": ADMIN,
  "lib/alerts/actions.ts#saveAlertSettingsAction": ADMIN,
  "lib/alerts/actions.ts#sendTestEmailAction": ADMIN,
  "lib/audit/actions.ts#verifyAuditLogAction": AUDIT,
  "lib/mtls/actions.ts#identifyPastedAction": EVERYONE,
  // The dock is staff's working tray; an auditor has none (tests/dock/actions.test.ts has the positive side).
  "lib/dock/actions.ts#putInDockAction": STAFF,
  "lib/dock/actions.ts#removeFromDockAction": STAFF,
  "lib/dock/actions.ts#clearDockAction": STAFF,
  "lib/dock/actions.ts#addDockedAccountsToGroupAction": STAFF,
  "lib/dock/actions.ts#disableDockedAccountsAction": STAFF,
  "lib/applications/actions.ts#submitApplicationAction": "public", // only while the UA takes applications (applications.spec.ts)
  "lib/applications/actions.ts#approveApplicationAction": STAFF,
  "lib/applications/actions.ts#rejectApplicationAction": STAFF,
};

/** Route handlers by "<METHOD> <route pattern>". */
const ROUTES: Record<string, Allowed> = {
  "GET /api/auth/[...nextauth]": "public",
  "POST /api/auth/[...nextauth]": "public",
  "GET /crl/[file]": "public",
  "POST /[ua]/ua/deliver/[serial]": "public", // the UA session decides (ua.spec.ts covers it)
  "GET /api/v1/accounts": EVERYONE,
  "POST /api/v1/accounts": STAFF,
  "GET /api/v1/accounts/[name]": EVERYONE,
  "PATCH /api/v1/accounts/[name]": STAFF,
  "DELETE /api/v1/accounts/[name]": STAFF,
  "POST /api/v1/accounts/import": STAFF,
  "GET /api/v1/certificates": EVERYONE,
  "POST /api/v1/certificates": STAFF,
  "GET /api/v1/certificates/[serial]": EVERYONE,
  "POST /api/v1/certificates/[serial]/revoke": STAFF,
  "POST /api/v1/certificates/[serial]/pkcs12": STAFF,
  "GET /api/v1/certificates/[serial]/file": EVERYONE,
  "POST /api/v1/identity": EVERYONE,
  "GET /ra/audit/export": AUDIT,
  "GET /ra/reports/export": EVERYONE,
  "POST /api/v1/groups/[id]/issue": STAFF,
  "POST /api/test/clock": ADMIN, // exists only with INKAN_TEST_CLOCK=on, as on the e2e server
};

const PASSWORD = "e2e-matrix-Pa55word-0123";
const DIST_DIR = process.env.INKAN_NEXT_DIST_DIR ?? ".next";

interface ServerAction { key: string; id: string; pagePath: string }

function serverActions(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(DIST_DIR, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    // Prefer a page without dynamic segments, so the re-render after the action finds its data.
    const workers = Object.keys(entry.workers).sort((a, b) => Number(a.includes("[")) - Number(b.includes("[")));
    return { key: `${entry.filename}#${entry.exportedName}`, id, pagePath: workers[0] };
  });
}

interface RouteHandler { key: string; method: string; pattern: string }

function routeHandlers(): RouteHandler[] {
  const found: RouteHandler[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "route.ts") {
        const pattern = "/" + path.relative("app", dir).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join("/");
        const source = readFileSync(full, "utf8");
        for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) {
          found.push({ key: `${m[1]} ${pattern}`, method: m[1], pattern });
        }
        for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
          for (const name of m[1].split(",").map((s) => s.trim().split(/\s+as\s+/).pop()!)) {
            if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) found.push({ key: `${name} ${pattern}`, method: name, pattern });
          }
        }
      }
    }
  };
  walk("app");
  return found;
}

/** Concrete URL for an app path ("app/ra/(console)/accounts/[name]/page" or "/api/v1/x/[serial]"). */
function concretePath(appPath: string, params: Record<string, string>): string {
  const segments = appPath.replace(/^app\//, "").replace(/\/page$/, "").replace(/^page$/, "").split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => {
      const m = /^\[(?:\.\.\.)?(\w+)\]$/.exec(s);
      return m ? encodeURIComponent(params[m[1]] ?? "x") : s;
    });
  return "/" + segments.join("/").replace(/^\//, "");
}

const expectedCode = (who: Identity) => (who === "anonymous" || who === "enduser" ? "UNAUTHENTICATED" : "FORBIDDEN");
const expectedStatus = (who: Identity) => (who === "anonymous" || who === "enduser" ? 401 : 403);

function refused(allowed: Allowed, who: Identity): boolean {
  return allowed !== "public" && !allowed.includes(who);
}

async function signedInContext(browser: Browser, baseURL: string | undefined, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: "en-US", storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await new LoginPage(page).goto();
  await new LoginPage(page).signInAndWait(email, PASSWORD);
  await page.close();
  return context;
}

test.describe.configure({ mode: "serial" });

test("every server action and route handler refuses every identity it does not allow", async ({ page, browser, baseURL, api, uniqueName }) => {
  test.setTimeout(240_000);
  const actions = serverActions();
  const routes = routeHandlers();
  expect(actions.length, "the build's server actions").toBeGreaterThan(10);
  expect(routes.length, "the route handlers under app/").toBeGreaterThan(5);
  expect(actions.map((a) => a.key).filter((k) => !(k in ACTIONS)), "server actions missing from the matrix").toEqual([]);
  expect(routes.map((r) => r.key).filter((k) => !(k in ROUTES)), "route handlers missing from the matrix").toEqual([]);

  // Identities: staff of each role (made through /ra/admins), and an end user signed in at a UA.
  const stamp = uniqueName("mx");
  const admins = new AdminsPage(page);
  await admins.goto();
  const emails: Record<"auditor" | "operator", string> = { auditor: `${stamp}-aud@e2e.inkan.test`, operator: `${stamp}-op@e2e.inkan.test` };
  await admins.add(emails.auditor, "AUDITOR", PASSWORD);
  await admins.add(emails.operator, "OPERATOR", PASSWORD);
  const user = `${stamp}-user`;
  expect((await api.post("/api/v1/accounts", { data: { kind: "user", name: user, uaPassword: PASSWORD } })).status()).toBe(201);

  const contexts: Record<Identity, BrowserContext> = {
    anonymous: await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } }),
    enduser: await browser.newContext({ baseURL, locale: "en-US", storageState: { cookies: [], origins: [] } }),
    auditor: await signedInContext(browser, baseURL, emails.auditor),
    operator: await signedInContext(browser, baseURL, emails.operator),
    admin: page.context(),
  };
  const ua = new UaPortalPage(await contexts.enduser.newPage(), "default");
  await ua.goto();
  await ua.signIn(user, PASSWORD);

  const params = { ua: "default", name: user, serial: "01", file: "ia1.pem", slug: "ia1", nextauth: "session" };
  const failures: string[] = [];
  let calls = 0;
  for (const subrequest of [false, true]) {
    const extra: Record<string, string> = subrequest ? { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" } : {};
    for (const who of IDENTITIES) {
      const request: APIRequestContext = contexts[who].request;
      for (const action of actions) {
        if (!refused(ACTIONS[action.key], who)) continue;
        const response = await request.post(concretePath(action.pagePath, params), {
          headers: { ...extra, "Next-Action": action.id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
          data: "[]",
          maxRedirects: 0,
        });
        const body = await response.text();
        calls++;
        // Signed-in staff must be refused for their role, not for a missing session: that also
        // proves their cookies reached the server.
        if (!body.includes(`"code":"${expectedCode(who)}"`)) failures.push(`${who}${subrequest ? " (+subrequest)" : ""}: action ${action.key} → HTTP ${response.status()} ${body.slice(0, 160).replace(/\s+/g, " ")}`);
      }
      for (const route of routes) {
        if (!refused(ROUTES[route.key], who)) continue;
        const url = concretePath(route.pattern, params);
        const response = await request.fetch(url, { method: route.method, headers: extra, data: route.method === "GET" ? undefined : {}, maxRedirects: 0 });
        calls++;
        if (response.status() !== expectedStatus(who)) failures.push(`${who}${subrequest ? " (+subrequest)" : ""}: ${route.method} ${url} → HTTP ${response.status()}`);
      }
    }
  }
  expect(failures, "calls that were not refused").toEqual([]);
  expect(calls, "refused calls made").toBeGreaterThan(300);

  // Positive control: the same invocation reaches an action the identity may use.
  const identify = actions.find((a) => a.key === "lib/mtls/actions.ts#identifyPastedAction")!;
  for (const who of ["auditor", "operator", "admin"] as const) {
    const response = await contexts[who].request.post(concretePath(identify.pagePath, params), {
      headers: { "Next-Action": identify.id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
      data: JSON.stringify(["not a certificate"]),
    });
    const body = await response.text();
    expect(body, `${who} may use ${identify.key}`).not.toMatch(/"code":"(UNAUTHENTICATED|FORBIDDEN)"/);
    expect(body, `${who}'s call ran the action`).toMatch(/"ok":/);
  }
  for (const who of ["anonymous", "enduser", "auditor", "operator"] as const) await contexts[who].close();
});
