import { InkanError } from "@/lib/errors";
import { ALB_QUOTAS, type AlbQuotas } from "./quotas";

/** A revocation list Inkan added to the trust store and has not removed yet. */
export interface OwnedRevocation {
  caSlug: string;
  revocationId: number;
  crlNumber: number;
  key: string;
  entries: number;
}

/** An AddTrustStoreRevocations whose outcome was not recorded (lost response, crash). */
export interface PendingAdd {
  caSlug: string;
  crlNumber: number;
  key: string;
  entries: number;
  /** RevocationIds present just before the call: any newer id is ours (ids are never reused). */
  knownIds: number[];
}

/** What DescribeTrustStoreRevocations reports. */
export interface LiveRevocation {
  revocationId: number;
  entries: number;
}

/** The CRL a CA should have in the trust store now. */
export interface DesiredCrl {
  caSlug: string;
  crlNumber: number;
  key: string;
  entries: number;
  bytes: number;
}

export interface CaRotation {
  caSlug: string;
  /** The CRL to upload and add, or null when the trust store already holds it. */
  add: DesiredCrl | null;
  /** Inkan's older lists of this CA, removed only after the new one is confirmed. */
  remove: number[];
}

export interface RotationPlan {
  /** Lists a lost Add or a crash left behind, now recognised as Inkan's. */
  adopted: OwnedRevocation[];
  /** Lists Inkan recorded that the trust store no longer has (removed by hand). */
  forgotten: number[];
  rotations: CaRotation[];
  /** Lists of CAs no longer in the target's bundle. */
  retire: number[];
  /** Owned lists after the adoption and forgetting, before any change. */
  owned: OwnedRevocation[];
}

/**
 * Decides the CRL rotation from the recorded state and what the trust store holds. Pure: the
 * dry run shows exactly this, and a resumed run re-derives it, so nothing is added twice and
 * only ids Inkan added are ever removed.
 */
export function planRotation(input: {
  owned: readonly OwnedRevocation[];
  pendingAdd: PendingAdd | null;
  live: readonly LiveRevocation[];
  desired: readonly DesiredCrl[];
}): RotationPlan {
  const liveById = new Map(input.live.map((r) => [r.revocationId, r]));
  const recorded = new Set(input.owned.map((o) => o.revocationId));
  const adopted: OwnedRevocation[] = [];
  if (input.pendingAdd) {
    const p = input.pendingAdd;
    const before = new Set(p.knownIds);
    for (const r of input.live) {
      if (!before.has(r.revocationId) && !recorded.has(r.revocationId)) {
        adopted.push({ caSlug: p.caSlug, revocationId: r.revocationId, crlNumber: p.crlNumber, key: p.key, entries: r.entries });
      }
    }
  }
  const all = [...input.owned, ...adopted];
  const forgotten = all.filter((o) => !liveById.has(o.revocationId)).map((o) => o.revocationId);
  const owned = all.filter((o) => liveById.has(o.revocationId));

  const rotations: CaRotation[] = input.desired.map((want) => {
    const mine = owned.filter((o) => o.caSlug === want.caSlug).sort((a, b) => b.revocationId - a.revocationId);
    // The newest list holding exactly this CRL, with AWS agreeing on the count, is current.
    const current = mine.find((o) => o.key === want.key && liveById.get(o.revocationId)?.entries === want.entries);
    return {
      caSlug: want.caSlug,
      add: current ? null : want,
      remove: mine.filter((o) => o !== current).map((o) => o.revocationId),
    };
  });
  const wanted = new Set(input.desired.map((d) => d.caSlug));
  const retire = owned.filter((o) => !wanted.has(o.caSlug)).map((o) => o.revocationId);
  return { adopted, forgotten, rotations, retire, owned };
}

/**
 * The ALB quotas for the rotation, checked before any call: each CA's new list is added while
 * the old ones are still there, so the peak is the live total plus the new list.
 */
export function checkRevocationQuotas(live: readonly LiveRevocation[], plan: RotationPlan, quotas: AlbQuotas = ALB_QUOTAS): void {
  const entriesOf = new Map(live.map((r) => [r.revocationId, r.entries]));
  let lists = live.length;
  let entries = live.reduce((sum, r) => sum + r.entries, 0);
  for (const step of plan.rotations) {
    if (!step.add) {
      for (const id of step.remove) { lists--; entries -= entriesOf.get(id) ?? 0; }
      continue;
    }
    if (step.add.bytes > quotas.revocationFileBytes) {
      throw new InkanError("VALIDATION", { en: `The CRL of CA ${step.caSlug} is ${step.add.bytes} bytes as PEM; the ALB quota "revocation file size" is ${quotas.revocationFileBytes} bytes (50 MB).`, ja: `認証局 ${step.caSlug} の CRL は PEM で ${step.add.bytes} バイトです。ALB のクォータ「revocation file size」は ${quotas.revocationFileBytes} バイト(50 MB)です。` }, { quota: "revocation file size" });
    }
    if (lists + 1 > quotas.revocationListsPerTrustStore) {
      throw new InkanError("VALIDATION", { en: `The trust store holds ${lists} revocation lists; adding CA ${step.caSlug}'s CRL would exceed the ALB quota "revocation lists per trust store" (${quotas.revocationListsPerTrustStore}). Remove lists that Inkan did not add, or use another trust store.`, ja: `トラストストアには失効リストが ${lists} 個あります。認証局 ${step.caSlug} の CRL を追加すると ALB のクォータ「revocation lists per trust store」(${quotas.revocationListsPerTrustStore})を超えます。Inkan が追加していないリストを削除するか、別のトラストストアを使ってください。` }, { quota: "revocation lists per trust store" });
    }
    if (entries + step.add.entries > quotas.revokedEntriesPerTrustStore) {
      throw new InkanError("VALIDATION", { en: `During the rotation the trust store would hold ${entries + step.add.entries} revoked entries (${entries} now + ${step.add.entries} in CA ${step.caSlug}'s new CRL); the ALB quota "revoked entries per trust store" is ${quotas.revokedEntriesPerTrustStore}.`, ja: `入れ替えの間、トラストストアの失効エントリは ${entries + step.add.entries} 件になります(現在 ${entries} 件 + 認証局 ${step.caSlug} の新しい CRL の ${step.add.entries} 件)。ALB のクォータ「revoked entries per trust store」は ${quotas.revokedEntriesPerTrustStore} です。` }, { quota: "revoked entries per trust store" });
    }
    lists += 1 - step.remove.length;
    entries += step.add.entries - step.remove.reduce((sum, id) => sum + (entriesOf.get(id) ?? 0), 0);
  }
}
