// The layer rules of docs/ARCHITECTURE.md, enforced with no allowlist.
import tseslint from "typescript-eslint";

const restrict = (patterns, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", "generated/", "data/", "next-env.d.ts", "test-results/", "playwright-report/", ".tmp/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/deploy/**"],
    rules: restrict(["@aws-sdk/*", "@/components/*", "@/app/*"], "Only lib/deploy talks to AWS; lib never imports UI."),
  },
  {
    files: ["lib/pki/**/*.ts"],
    rules: restrict(["@/*", "../*", "!./*", "**/lib/db*", "**/lib/config*", "@prisma/*", "next", "next/*", "react"], "lib/pki is pure: it imports nothing of ours and no framework."),
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: restrict(["@/lib/db", "@/lib/db/*", "@/lib/config", "@/lib/secrets", "@/lib/secrets/*", "@/lib/*/data", "@/lib/*/mutations", "@/lib/pki", "@/lib/pki/*", "@prisma/*", "@/generated/*"], "components/ render; they do not reach data or crypto."),
  },
  {
    files: ["components/ui/**/*.{ts,tsx}"],
    rules: restrict(["@/lib/*", "!@/lib/cn", "@/components/*/**", "!@/components/ui/*"], "components/ui imports nothing of ours but cn."),
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: restrict(["@/lib/db", "@/lib/db/*", "@/lib/*/data", "@/lib/*/mutations", "@/lib/pki/*", "@prisma/*", "@/generated/*", "node-forge", "@peculiar/*", "@aws-sdk/*"], "app/ is routes only: call a lib service (loaders, actions, or the domain's index)."),
  },
);
