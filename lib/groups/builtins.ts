/** Stable keys of the seeded groups (their names may be edited; the keys never change). */
export const USERS_GROUP_KEY = "users";
export const SSL_SERVER_GROUP_KEY = "ssl-server";

export const BUILT_IN_GROUPS = {
  [USERS_GROUP_KEY]: { name: "Users", kind: "USER", template: "client", description: "Default user group: the client certificate template." },
  // Seed 000 §1.4.1: a server account must join this role group before it can get a server certificate.
  [SSL_SERVER_GROUP_KEY]: { name: "SSL server certificate", kind: "ROLE", template: "server", description: "Members may be issued SSL server certificates (serverAuth)." },
} as const;

export type BuiltInGroupKey = keyof typeof BUILT_IN_GROUPS;
