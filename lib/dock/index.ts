export { putInDock, removeFromDock, clearDock } from "./mutations";
export { addDockedAccountsToGroup, disableDockedAccounts } from "./bulk";
export { listDock, countDock, isDocked } from "./data";
export { dockOwner } from "./owner";
export { mayUseDock } from "./policy";
export { DOCK_KINDS, MAX_DOCK_ITEMS, type DockKind } from "./constants";
export type { DockView, DockCounts, DockChange, DockAccountView, DockCertificateView, DockAccountsOutcome } from "./types";
