import type { ValidTemplate } from "./schema";

/** Stable keys of the seeded templates (names may be edited, keys never change). */
export const CLIENT_TEMPLATE_KEY = "client";
export const SERVER_TEMPLATE_KEY = "server";

// What the seeded templates hold: exactly the profiles Inkan issued before templates existed.
export const BUILT_IN_TEMPLATES: Record<typeof CLIENT_TEMPLATE_KEY | typeof SERVER_TEMPLATE_KEY, ValidTemplate> = {
  client: {
    name: "Client certificate", usage: "CLIENT", subject: {}, keyAlgorithm: "RSA-2048", validityDays: 365, keyUsage: [], extendedKeyUsage: ["clientAuth"],
    sanDnsFromHostnames: false, sanEmailFromAccount: true, emailInSubject: false, maxValidCertificates: 0,
  },
  server: {
    name: "SSL server certificate", usage: "SERVER", subject: {}, keyAlgorithm: "RSA-2048", validityDays: 365, keyUsage: [], extendedKeyUsage: ["serverAuth"],
    sanDnsFromHostnames: true, sanEmailFromAccount: false, emailInSubject: false, maxValidCertificates: 0,
  },
};
