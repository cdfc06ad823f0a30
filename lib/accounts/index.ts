export { createAccount, updateAccount, setAccountStatus, insertAccount } from "./mutations";
export { deleteAccount, type DeleteAccountResult } from "./delete";
export { findAccountByName, findAccountsByNames, countAccounts } from "./data";
export { listAccounts } from "./list";
export { parseListQuery } from "./list-query";
export { previewAccountImport, importAccounts, MAX_IMPORT_BYTES, type ImportPlan, type ImportRowPlan, type ImportProgress } from "./import";
export {
  createAccountSchema, updateAccountSchema, deleteCertificatesChoiceSchema, splitHostnames,
  accountNameSchema, displayNameSchema, emailSchema, UA_PASSWORD_MIN, UA_PASSWORD_MAX,
  type CreateAccountInput, type UpdateAccountInput, type DeleteCertificatesChoice,
} from "./schema";
export { accountJson, patchAccount } from "./api";
export { parseListQueryStrict } from "./list-query";
export type { AccountView, AccountKind, AccountStatus, AccountListQuery, AccountListItem, AccountPage, AccountSort } from "./types";
