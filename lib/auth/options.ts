import { headers } from "next/headers";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "@/lib/config";
import { readOrCreateSecretFile } from "@/lib/secrets";
import { recordSignOut, signInAdmin } from "./sign-in";
import type { Role } from "./types";

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = headers?.[name];
  return typeof v === "string" ? v : Array.isArray(v) ? String(v[0]) : undefined;
}

export function clientIp(forwardedFor: string | null | undefined, realIp?: string | null): string | undefined {
  return forwardedFor?.split(",")[0]?.trim() || realIp || undefined;
}

let options: NextAuthOptions | undefined;

/** next-auth configuration: Credentials sign-in for administrators, JWT sessions of 8 hours. */
export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: getConfig().authSecret ?? readOrCreateSecretFile("auth.secret"),
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/ra/login", error: "/ra/login" },
    providers: [
      CredentialsProvider({
        name: "Inkan",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" }, totp: { label: "Authenticator code", type: "text" } },
        async authorize(credentials, req) {
          if (!credentials?.email || !credentials.password) return null;
          const result = await signInAdmin(credentials.email, credentials.password, {
            ip: clientIp(headerValue(req?.headers, "x-forwarded-for"), headerValue(req?.headers, "x-real-ip")),
            userAgent: headerValue(req?.headers, "user-agent"),
            totp: credentials.totp,
          });
          if (!result.ok) throw new Error(result.reason);
          return { id: result.admin.id, email: result.admin.email, name: result.admin.name, role: result.admin.role };
        },
      }),
    ],
    events: {
      // The console's button calls next-auth's client signOut(), which ends here: the one
      // server-side place that sees a sign-out. It runs inside the /api/auth route handler.
      async signOut({ token }) {
        const h = await headers();
        const adminId = typeof token?.adminId === "string" ? token.adminId : undefined;
        await recordSignOut(adminId, { ip: clientIp(h.get("x-forwarded-for"), h.get("x-real-ip")), userAgent: h.get("user-agent") ?? undefined });
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.adminId = user.id;
          token.role = (user as { role?: Role }).role;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, adminId: token.adminId, role: token.role };
      },
    },
  };
  return options;
}
