import { requireActor } from "@/lib/auth/guard";
import { ADMIN_ONLY } from "@/lib/auth";
import { listAuthorities } from "@/lib/ca";
import { listGroups } from "@/lib/groups";
import { getUa, listDeliveries, listUas } from "./data";

/** RA: every UA with the CAs to bind to (ADMIN only). */
export async function loadUaList() {
  await requireActor(ADMIN_ONLY);
  const [uas, cas, groups] = await Promise.all([listUas(), listAuthorities(), listGroups()]);
  return { uas, caSlugs: cas.map((c) => c.slug), groups: groups.map((g) => ({ id: g.id, name: g.name, kind: g.kind })) };
}

/** RA: one UA's settings and its deliveries (ADMIN only). */
export async function loadUa(name: string) {
  await requireActor(ADMIN_ONLY);
  const ua = await getUa(name);
  const [cas, deliveries, groups] = await Promise.all([listAuthorities(), listDeliveries(ua.id), listGroups()]);
  return { ua, caSlugs: cas.map((c) => c.slug), deliveries, groups: groups.map((g) => ({ id: g.id, name: g.name, kind: g.kind })) };
}
