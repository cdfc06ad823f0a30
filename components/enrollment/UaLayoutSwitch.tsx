"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { chooseUaLayoutAction } from "@/lib/enrollment/actions";

/** Switches between the iPhone / iPad layout (the profile download) and the desktop one; remembered. */
export function UaLayoutSwitch({ ua, to, label }: { ua: string; to: "iphone" | "desktop"; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button type="button" className="btn" disabled={pending} data-testid={`ua-layout-${to}`}
      onClick={() => start(async () => { await chooseUaLayoutAction(ua, to); router.refresh(); })}>
      {label}
    </button>
  );
}
