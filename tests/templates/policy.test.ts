// Pure policy: which template an account gets from its groups, and the profile built from it.
import { describe, expect, it } from "vitest";
import { resolveEffectiveTemplate, BUILT_IN_TEMPLATES, type GroupTemplate, type TemplateSpec } from "../../lib/templates";
import { buildSubject, defaultTemplateFor, profileForAccount } from "../../lib/ca/policy";
import { formatDn, type KeyDescription } from "../../lib/pki";

const FALLBACK_CLIENT: TemplateSpec = { id: "t-client", builtIn: "client", ...BUILT_IN_TEMPLATES.client };

function template(id: string, over: Partial<TemplateSpec>): TemplateSpec {
  return { ...FALLBACK_CLIENT, builtIn: null, id, name: id, ...over };
}
function member(id: string, kind: "USER" | "ROLE", t: TemplateSpec | null): GroupTemplate {
  return { group: { id: `g-${id}`, name: id, kind }, template: t };
}

const user = { kind: "USER" as const, name: "alice", email: "alice@example.test", hostnames: [] };
const server = { kind: "SERVER" as const, name: "web1", email: null, hostnames: ["web1.example.test", "www.example.test"] };
const rsa: KeyDescription = { type: "rsa", bits: 2048 };
const ec: KeyDescription = { type: "ec", bits: 256, curve: "P-256" };
const NOW = new Date("2026-11-25T00:00:00Z");

describe("effective template resolution", () => {
  it("a user in no group gets the built-in client template, shown as coming from no group", () => {
    const eff = resolveEffectiveTemplate("USER", [], FALLBACK_CLIENT);
    expect(eff.primary).toEqual({ groupId: null, groupName: null, groupKind: null, templateId: "t-client", templateName: "Client certificate" });
    expect(eff.subject).toEqual([]);
    expect(eff.extendedKeyUsage).toEqual(["clientAuth"]);
  });

  it("role groups win over user groups, then names decide in code-point order; each subject field comes from the first template that sets it", () => {
    const sales = template("sales-t", { subject: { O: { required: ["Sales Co"], optional: [] }, OU: { required: ["Sales"], optional: [] } }, validityDays: 90 });
    const acme = template("acme-t", { subject: { O: { required: ["Acme"], optional: [] } }, validityDays: 30 });
    const role = template("role-t", { subject: { DC: { required: ["local"], optional: ["support2"] } }, validityDays: 800, maxValidCertificates: 2 });
    const eff = resolveEffectiveTemplate("USER", [member("sales", "USER", sales), member("Zeta", "ROLE", role), member("acme", "USER", acme)], FALLBACK_CLIENT);
    expect(eff.candidates.map((c) => c.groupName)).toEqual(["Zeta", "acme", "sales"]);
    expect(eff.primary.groupName).toBe("Zeta");
    expect(eff.validityDays).toBe(800);
    expect(eff.maxValidCertificates).toBe(2);
    expect(eff.subject.map((f) => [f.key, f.required, f.optional, f.source.groupName])).toEqual([
      ["DC", ["local"], ["support2"], "Zeta"],
      ["O", ["Acme"], [], "acme"],
      ["OU", ["Sales"], [], "sales"],
    ]);
  });

  it("templates of the other usage are listed but not applied; groups without a template are skipped", () => {
    const serverT = template("srv", { usage: "SERVER", subject: { O: { required: ["Servers"], optional: [] } } });
    const eff = resolveEffectiveTemplate("USER", [member("ssl", "ROLE", serverT), member("empty", "USER", null)], FALLBACK_CLIENT);
    expect(eff.candidates).toEqual([expect.objectContaining({ groupName: "ssl", usage: "SERVER", applies: false })]);
    expect(eff.primary.templateId).toBe("t-client");
    expect(eff.subject).toEqual([]);
  });

  it("the result does not depend on the order memberships are read in", () => {
    const a = template("a", { subject: { O: { required: ["A"], optional: [] } } });
    const b = template("b", { subject: { O: { required: ["B"], optional: [] } } });
    const one = resolveEffectiveTemplate("USER", [member("b", "USER", b), member("a", "USER", a)], FALLBACK_CLIENT);
    const two = resolveEffectiveTemplate("USER", [member("a", "USER", a), member("b", "USER", b)], FALLBACK_CLIENT);
    expect(one).toEqual(two);
    expect(one.subject[0]).toMatchObject({ key: "O", required: ["A"] });
  });
});

describe("subject and profile", () => {
  const tmpl = (subject: TemplateSpec["subject"], over: Partial<TemplateSpec> = {}) =>
    resolveEffectiveTemplate("USER", [member("g", "USER", template("t", { subject, ...over }))], FALLBACK_CLIENT);

  it("builds DC (in the order written, most general first), C, ST, L, O, OU, then CN", () => {
    const eff = tmpl({
      OU: { required: ["Dev", "Ops"], optional: [] }, O: { required: ["JCCH Security Solution Systems Co., Ltd."], optional: [] },
      DC: { required: ["local", "example"], optional: [] }, C: { required: ["JP"], optional: [] }, ST: { required: ["Tokyo"], optional: [] }, L: { required: ["Chiyoda"], optional: [] },
    });
    const dn = buildSubject(user, eff);
    expect(dn.map((a) => `${a.type}=${a.value}`)).toEqual([
      "DC=local", "DC=example", "C=JP", "ST=Tokyo", "L=Chiyoda", "O=JCCH Security Solution Systems Co., Ltd.", "OU=Dev", "OU=Ops", "CN=alice",
    ]);
    expect(formatDn(dn)).toBe("CN=alice,OU=Ops,OU=Dev,O=JCCH Security Solution Systems Co.\\, Ltd.,L=Chiyoda,ST=Tokyo,C=JP,DC=example,DC=local");
  });

  it("includes an optional value only when the CSR asks for exactly it", () => {
    const eff = tmpl({ DC: { required: ["local"], optional: ["support2", "other"] } });
    expect(formatDn(buildSubject(user, eff))).toBe("CN=alice,DC=local");
    expect(formatDn(buildSubject(user, eff, [{ type: "DC", value: "support2" }, { type: "DC", value: "evil" }, { type: "CN", value: "root" }]))).toBe("CN=alice,DC=support2,DC=local");
  });

  it("the e-mail goes into the subject only when the template says so", () => {
    expect(formatDn(buildSubject(user, tmpl({}, { emailInSubject: true })))).toBe("emailAddress=alice@example.test,CN=alice");
  });

  it("validity, key usage, EKU and SANs follow the template", () => {
    const eff = tmpl({}, { validityDays: 30, keyUsage: ["digitalSignature", "nonRepudiation"], extendedKeyUsage: ["clientAuth", "emailProtection"], sanEmailFromAccount: false });
    const p = profileForAccount(user, { spki: Buffer.alloc(1), description: rsa }, { now: NOW, crlUrl: "http://x/crl", template: eff });
    expect(p.notAfter.toISOString()).toBe("2026-12-25T00:00:00.000Z");
    expect(p.keyUsage).toEqual(["digitalSignature", "nonRepudiation"]);
    expect(p.extendedKeyUsage).toEqual(["clientAuth", "emailProtection"]);
    expect(p.subjectAltNames).toEqual({});
  });

  it("without a template the profile is the built-in one for the account kind", () => {
    const s = profileForAccount(server, { spki: Buffer.alloc(1), description: ec }, { now: NOW, crlUrl: "http://x/crl" });
    expect(s.subject).toEqual([{ type: "CN", value: "web1.example.test" }]);
    expect(s.subjectAltNames).toEqual({ dns: ["web1.example.test", "www.example.test"] });
    expect(s.extendedKeyUsage).toEqual(["serverAuth"]);
    expect(s.keyUsage).toEqual(["digitalSignature"]);
    const u = profileForAccount(user, { spki: Buffer.alloc(1), description: rsa }, { now: NOW, crlUrl: "http://x/crl", template: defaultTemplateFor("USER") });
    expect(u.subjectAltNames).toEqual({ email: ["alice@example.test"] });
    expect(u.keyUsage).toEqual(["digitalSignature", "keyEncipherment"]);
    expect(u.notAfter.getTime() - NOW.getTime()).toBe(365 * 86_400_000);
  });
});
