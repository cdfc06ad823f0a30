export { ensureDefaultUa, createUa, updateUa, resetDelivery } from "./mutations";
export { findUa, getUa, listUas, listPortalCertificates, listDeliveries } from "./data";
export { signInUaUser, uaUserActor, type UaSignInResult } from "./sign-in";
export { deliverCertificate, oneTimePassword, type DeliveryOutcome, type DeliveryRequest } from "./deliver";
export { platformFor, platformAllowed, deliveryAvailability, parseRefusal } from "./policy";
export { UA_SESSION_COOKIE, openUaSession, sealUaSession, uaCookieOptions, uaCookiePath, type UaSession } from "./session";
export { uaSettingsSchema, uaNameSchema, type UaSettingsInput } from "./schema";
export { uaNow, advanceUaClock } from "./clock";
export * from "./types";
