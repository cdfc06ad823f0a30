export const DOCK_KINDS = ["account", "certificate"] as const;
export type DockKind = (typeof DOCK_KINDS)[number];

/** Items of each kind one administrator's dock holds at most (and one request may name). */
export const MAX_DOCK_ITEMS = 1000;
