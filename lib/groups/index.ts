export { createGroup, updateGroup, deleteGroup, addMember, removeMember, ensureBuiltInGroups, ensureServerRoleMembership } from "./mutations";
export { listGroups, findGroup, listMembers, groupsOfAccount } from "./data";
export { effectiveTemplateForAccount, templateForIssuance, templatesForIssuance, certificateLimits, recordedTemplateId } from "./issuance";
export { BUILT_IN_GROUPS, USERS_GROUP_KEY, SSL_SERVER_GROUP_KEY } from "./builtins";
export { groupInputSchema, type GroupInput } from "./schema";
export type { GroupKind, GroupView, MemberView, MemberPage, AccountGroups } from "./types";
