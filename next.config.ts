import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Parallel checkouts (several developers or agents in one tree) build into their own
  // directory so their builds and e2e runs do not overwrite each other.
  distDir: process.env.INKAN_NEXT_DIST_DIR ?? ".next",
  // Native and driver packages stay outside the bundle; Prisma's generated
  // clients load them at run time.
  serverExternalPackages: ["better-sqlite3", "pg", "argon2", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with status 403 when a role may not see a page.
  // Server actions take uploads up to the CSV import's own 5 MB limit (Next's default is 1 MB),
  // so a file between the two gets our message, not the framework's.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "6mb" } },
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
