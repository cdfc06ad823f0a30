"use client";
import { useState } from "react";

/** A recipe block: its file path, the text ready to copy, and a copy button. */
export function CopyBlock({ title, path, text, labels, testId }: { title: string; path?: string; text: string; labels: { copy: string; copied: string }; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    // The console's grid column grows with its widest child: cap the block so long lines scroll inside it.
    <div data-testid={testId} style={{ marginBottom: 12, maxWidth: "calc(100vw - 300px)" }}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <strong>{title}{path && <> · <span className="mono">{path}</span></>}</strong>
        <button
          type="button"
          className="btn"
          onClick={async () => {
            await navigator.clipboard?.writeText(text);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          }}
        >
          {copied ? labels.copied : labels.copy}
        </button>
      </div>
      <pre className="pem">{text}</pre>
    </div>
  );
}
