export { createAccount } from "./mutations";
export { findAccountByName, listAccounts, countAccounts } from "./data";
export { createAccountSchema, splitHostnames, type CreateAccountInput } from "./schema";
export type { AccountView, AccountKind, AccountStatus } from "./types";
