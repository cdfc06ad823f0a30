"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/lib/i18n/actions";

export function LocaleSwitch({ locale, label }: { locale: "ja" | "en"; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <label className="row">
      <span>{label}</span>
      <select
        value={locale}
        disabled={pending}
        data-testid="locale-switch"
        onChange={(e) => start(async () => { await setLocaleAction(e.target.value); router.refresh(); })}
      >
        <option value="ja">日本語</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
