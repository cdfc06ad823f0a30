import { getDb, isUniqueViolation, type Tx } from "@/lib/db";
import { InkanError, NAME_TAKEN } from "@/lib/errors";
import { validationError } from "@/lib/i18n/validation";
import { recordEvent, type Actor } from "@/lib/audit";
import { uaSettingsSchema, type UaSettingsInput } from "./schema";
import { DEFAULT_UA_NAME, type UaSettings } from "./types";
import { toUaSettings, withCa } from "./data";

function parseSettings(input: UaSettingsInput) {
  const parsed = uaSettingsSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data;
}

async function caIdOf(slug: string): Promise<string> {
  const ca = await getDb().certificateAuthority.findUnique({ where: { slug }, select: { id: true } });
  if (!ca) {
    const text = { en: `No CA named "${slug}".`, ja: `認証局「${slug}」はありません。` };
    throw new InkanError("VALIDATION", text, { errors: [{ field: "caSlug", message: text }] });
  }
  return ca.id;
}

/** The groups an approved applicant joins: every id must name an existing group. Returns their names. */
async function applicationGroupNames(tx: Tx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const groups = await tx.group.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  if (groups.length !== unique.length) {
    const message = "A chosen group no longer exists; reload the page and choose the groups again.";
    throw new InkanError("VALIDATION", { en: message, ja: "選択したグループの一部が存在しません。ページを再読み込みしてグループを選び直してください。" }, { errors: [{ field: "applicationGroupIds", message }] });
  }
  return groups.map((g) => g.name).sort();
}

async function setApplicationGroups(tx: Tx, uaId: string, ids: string[]): Promise<void> {
  await tx.uaApplicationGroup.deleteMany({ where: { uaId } });
  const unique = [...new Set(ids)];
  if (unique.length) await tx.uaApplicationGroup.createMany({ data: unique.map((groupId) => ({ uaId, groupId })) });
}

/** Creates a UA; the name is its URL segment and must be unique. */
export async function createUa(input: UaSettingsInput, actor: Actor, now = new Date()): Promise<UaSettings> {
  const { caSlug, applicationGroupIds, ...data } = parseSettings(input);
  const caId = await caIdOf(caSlug);
  try {
    return await getDb().$transaction(async (tx) => {
      const groups = await applicationGroupNames(tx, applicationGroupIds);
      const created = await tx.enrollmentAuthority.create({ data: { ...data, caId } });
      await setApplicationGroups(tx, created.id, applicationGroupIds);
      const row = await tx.enrollmentAuthority.findUniqueOrThrow({ where: { id: created.id }, include: withCa });
      await recordEvent(tx, { actor, action: "ua.create", details: { ua: row.name, ca: caSlug, acceptApplications: data.acceptApplications, applicationGroups: groups } }, now);
      return toUaSettings(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new InkanError("CONFLICT", { en: `A UA named "${data.name}" already exists.`, ja: `UA「${data.name}」はすでにあります。` }, { errors: [{ field: "name", message: NAME_TAKEN }] });
    throw err;
  }
}

/** Updates a UA's settings (the name stays: it is in users' bookmarks). */
export async function updateUa(name: string, input: UaSettingsInput, actor: Actor, now = new Date()): Promise<UaSettings> {
  const { caSlug, applicationGroupIds, ...data } = parseSettings({ ...input, name });
  const caId = await caIdOf(caSlug);
  return getDb().$transaction(async (tx) => {
    const found = await tx.enrollmentAuthority.findUnique({ where: { name }, select: { id: true } });
    if (!found) throw new InkanError("NOT_FOUND", { en: `No UA named "${name}".`, ja: `UA「${name}」はありません。` });
    const groups = await applicationGroupNames(tx, applicationGroupIds);
    await tx.enrollmentAuthority.update({ where: { id: found.id }, data: { ...data, caId } });
    await setApplicationGroups(tx, found.id, applicationGroupIds);
    const row = await tx.enrollmentAuthority.findUniqueOrThrow({ where: { id: found.id }, include: withCa });
    await recordEvent(tx, {
      actor, action: "ua.update",
      details: { ua: name, ca: caSlug, importOnce: data.importOnce, downloadWindowMinutes: data.downloadWindowMinutes, acceptApplications: data.acceptApplications, applicationGroups: groups },
    }, now);
    return toUaSettings(row);
  });
}

/** First start: the UA "default" bound to the given CA, as Gléas ships one. Idempotent. */
export async function ensureDefaultUa(caSlug: string, actor: Actor, now = new Date()): Promise<boolean> {
  if (await getDb().enrollmentAuthority.findUnique({ where: { name: DEFAULT_UA_NAME }, select: { id: true } })) return false;
  try {
    await createUa({
      name: DEFAULT_UA_NAME, caSlug, importToStore: true, certificateStore: "USER", importOnce: false, downloadAllowed: true,
      downloadWindowMinutes: 0, iphoneUa: true, iphoneLayout: false, protectWithLoginPassword: false,
      profileName: "Inkan", profileIdentifier: "dev.inkan.profile.default", profileOrganization: "", profileDescription: "",
      androidDownload: true, macDownload: true, selfEnroll: false, pkcs12Encryption: "legacy", lockThreshold: 5, lockMinutes: 15,
      acceptApplications: false, applicationGroupIds: [],
    }, actor, now);
    return true;
  } catch (err) {
    if (err instanceof InkanError && err.code === "CONFLICT") return false; // another instance won
    throw err;
  }
}

/** RA: clears a delivery's import-once lock and download window so the user may import again. */
export async function resetDelivery(deliveryId: string, actor: Actor, now = new Date()): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const d = await tx.delivery.findUnique({ where: { id: deliveryId }, include: { certificate: { select: { serial: true, privateKeyEncrypted: true } }, ua: { select: { name: true } } } });
    if (!d) throw new InkanError("NOT_FOUND", { en: "No such delivery.", ja: "その配布記録はありません。" });
    await tx.delivery.update({ where: { id: d.id }, data: { firstDeliveredAt: null, windowEndsAt: null, lockedAt: null } });
    await recordEvent(tx, {
      actor, action: "delivery.reset", target: { type: "certificate", id: d.certificate.serial },
      details: { ua: d.ua.name, previousCount: d.count, serverKeyKept: d.certificate.privateKeyEncrypted !== null },
    }, now);
  });
}
