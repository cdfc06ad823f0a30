import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

async function auth(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const handler = NextAuth(getAuthOptions());
  return handler(request, { params: await context.params });
}

export { auth as GET, auth as POST };
