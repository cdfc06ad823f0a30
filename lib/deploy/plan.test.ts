import { describe, expect, it } from "vitest";
import { ALB_QUOTAS } from "./quotas";
import { checkRevocationQuotas, planRotation, type DesiredCrl, type OwnedRevocation } from "./plan";

const want = (over: Partial<DesiredCrl> = {}): DesiredCrl => ({ caSlug: "ia1", crlNumber: 5, key: "p/crl/ia1-5-aaaa.pem", entries: 3, bytes: 900, ...over });
const own = (id: number, over: Partial<OwnedRevocation> = {}): OwnedRevocation => ({ caSlug: "ia1", revocationId: id, crlNumber: 4, key: "p/crl/ia1-4-bbbb.pem", entries: 2, ...over });

describe("CRL rotation plan", () => {
  it("adds the new CRL and removes only Inkan's older list", () => {
    const plan = planRotation({ owned: [own(1)], pendingAdd: null, live: [{ revocationId: 1, entries: 2 }, { revocationId: 2, entries: 9 }], desired: [want()] });
    expect(plan.rotations).toEqual([{ caSlug: "ia1", add: want(), remove: [1] }]);
    expect(plan.adopted).toEqual([]);
  });

  it("does nothing when the store already holds this CRL with the right count", () => {
    const plan = planRotation({ owned: [own(3, { crlNumber: 5, key: want().key, entries: 3 })], pendingAdd: null, live: [{ revocationId: 3, entries: 3 }], desired: [want()] });
    expect(plan.rotations).toEqual([{ caSlug: "ia1", add: null, remove: [] }]);
  });

  it("re-adds when AWS counts different entries for the same key", () => {
    const plan = planRotation({ owned: [own(3, { crlNumber: 5, key: want().key, entries: 3 })], pendingAdd: null, live: [{ revocationId: 3, entries: 1 }], desired: [want()] });
    expect(plan.rotations[0]).toEqual({ caSlug: "ia1", add: want(), remove: [3] });
  });

  it("adopts ids newer than those known before a lost Add, and forgets lists removed by hand", () => {
    const plan = planRotation({
      owned: [own(1), own(7)],
      pendingAdd: { caSlug: "ia1", crlNumber: 5, key: want().key, entries: 3, knownIds: [1, 2] },
      live: [{ revocationId: 1, entries: 2 }, { revocationId: 2, entries: 9 }, { revocationId: 4, entries: 3 }],
      desired: [want()],
    });
    expect(plan.adopted.map((a) => a.revocationId)).toEqual([4]);
    expect(plan.forgotten).toEqual([7]);
    expect(plan.rotations).toEqual([{ caSlug: "ia1", add: null, remove: [1] }]);
  });

  it("retires lists of a CA no longer in the bundle", () => {
    const plan = planRotation({ owned: [own(1, { caSlug: "old" })], pendingAdd: null, live: [{ revocationId: 1, entries: 2 }], desired: [want()] });
    expect(plan.retire).toEqual([1]);
  });
});

describe("ALB revocation quotas", () => {
  const live = [{ revocationId: 1, entries: 2 }];
  const plan = planRotation({ owned: [own(1)], pendingAdd: null, live, desired: [want({ entries: 10 })] });

  it("counts the overlap of old and new lists against the entries quota", () => {
    expect(() => checkRevocationQuotas(live, plan, { ...ALB_QUOTAS, revokedEntriesPerTrustStore: 11 })).toThrow(/would hold 12 revoked entries \(2 now \+ 10 in CA ia1's new CRL\); the ALB quota "revoked entries per trust store" is 11/);
    expect(() => checkRevocationQuotas(live, plan, { ...ALB_QUOTAS, revokedEntriesPerTrustStore: 12 })).not.toThrow();
  });

  it("names the lists-per-store and file-size quotas", () => {
    expect(() => checkRevocationQuotas(live, plan, { ...ALB_QUOTAS, revocationListsPerTrustStore: 1 })).toThrow(/"revocation lists per trust store" \(1\)/);
    expect(() => checkRevocationQuotas(live, plan, { ...ALB_QUOTAS, revocationFileBytes: 899 })).toThrow(/900 bytes as PEM; the ALB quota "revocation file size" is 899 bytes/);
  });

  it("uses the AWS defaults: 50 MB, 500,000 entries, 30 lists", () => {
    expect(ALB_QUOTAS).toMatchObject({ revocationFileBytes: 52_428_800, revokedEntriesPerTrustStore: 500_000, revocationListsPerTrustStore: 30, caCertificatesPerBundle: 25, caCertificateBytes: 16_384 });
  });
});
