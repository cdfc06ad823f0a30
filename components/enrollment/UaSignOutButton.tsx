"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { uaSignOutAction } from "@/lib/enrollment/actions";

export function UaSignOutButton({ ua, label }: { ua: string; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button type="button" className="btn" disabled={pending} data-testid="ua-signout"
      onClick={() => start(async () => { await uaSignOutAction(ua); router.refresh(); })}>
      {label}
    </button>
  );
}
