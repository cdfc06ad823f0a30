"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { publishCrlAction } from "@/lib/ca/actions";
import { Alert } from "@/components/ui/Alert";

export function PublishCrlButton({ slug, label, done }: { slug: string; label: string; done: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [pending, start] = useTransition();
  return (
    <div style={{ marginTop: 12 }}>
      {message && <Alert kind={message.ok ? "ok" : "error"}>{message.text}</Alert>}
      <button
        type="button"
        className="btn"
        disabled={pending}
        onClick={() => start(async () => {
          const result = await publishCrlAction(slug);
          setMessage(result.ok ? { ok: true, text: `${done} (#${result.data.number})` } : { ok: false, text: result.error.message });
          router.refresh();
        })}
      >
        {label}
      </button>
    </div>
  );
}
