"use client";

import { Check, Copy } from "lucide-react";
import { useCopy } from "./use-copy";

// Says how it went on itself, not in a toast: shared pages have no toaster, and their
// readers should not download one for this.
const LABEL = { idle: "Copy", copied: "Copied", failed: "Copy failed" } as const;

export function CopyCodeButton({ code }: { code: string }) {
  const { state, copy } = useCopy();
  return (
    <button
      type="button"
      aria-label="Copy code"
      title="Copy code"
      className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-zinc-200 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-sky-400"
      onClick={() => void copy(code)}
    >
      {state === "copied" ? <Check aria-hidden size={14} /> : <Copy aria-hidden size={14} />}
      <span aria-live="polite">{LABEL[state]}</span>
    </button>
  );
}
