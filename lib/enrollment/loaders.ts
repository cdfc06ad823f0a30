import { requireActor } from "@/lib/auth/guard";
import { ADMIN_ONLY } from "@/lib/auth";
import { listAuthorities } from "@/lib/ca";
import { getUa, listDeliveries, listUas } from "./data";

/** RA: every UA with the CAs to bind to (ADMIN only). */
export async function loadUaList() {
  await requireActor(ADMIN_ONLY);
  const [uas, cas] = await Promise.all([listUas(), listAuthorities()]);
  return { uas, caSlugs: cas.map((c) => c.slug) };
}

/** RA: one UA's settings and its deliveries (ADMIN only). */
export async function loadUa(name: string) {
  await requireActor(ADMIN_ONLY);
  const ua = await getUa(name);
  const [cas, deliveries] = await Promise.all([listAuthorities(), listDeliveries(ua.id)]);
  return { ua, caSlugs: cas.map((c) => c.slug), deliveries };
}
