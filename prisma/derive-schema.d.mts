export type SchemaProvider = "sqlite" | "postgresql";
export declare const SCHEMA_PATH: string;
export declare const PROVIDERS: readonly ["sqlite", "postgresql"];
export declare const CLIENT_OUTPUT: Record<SchemaProvider, string>;
export declare function deriveSchema(
  source: string,
  provider: SchemaProvider,
  options?: { outputRelativeTo?: string; repoRoot?: string },
): string;
export declare function loadSchema(
  provider: SchemaProvider,
  options?: { outputRelativeTo?: string; repoRoot?: string },
): string;
