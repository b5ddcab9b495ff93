"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { copyText } from "@/components/markdown/copy-text";

// Says how it went on itself, not in a toast: shared pages have no toaster, and their
// readers should not download one for this.
const LABEL = { idle: "Copy", copied: "Copied", failed: "Copy failed" } as const;

export function CopyCodeButton({ code }: { code: string }) {
  const [state, setState] = useState<keyof typeof LABEL>("idle");
  return (
    <button
      type="button"
      aria-label="Copy code"
      title="Copy code"
      className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-zinc-200 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-sky-400"
      onClick={async () => {
        setState((await copyText(code)) ? "copied" : "failed");
        setTimeout(() => setState("idle"), 1500);
      }}
    >
      {state === "copied" ? <Check aria-hidden size={14} /> : <Copy aria-hidden size={14} />}
      <span aria-live="polite">{LABEL[state]}</span>
    </button>
  );
}
