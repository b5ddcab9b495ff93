"use client";

import { Check, Copy } from "lucide-react";
import { COPY_CODE_CLASS, COPY_CODE_LABEL } from "@/lib/markdown/markup";
import { useCopy } from "./use-copy";

export function CopyCodeButton({ code }: { code: string }) {
  const { state, copy } = useCopy();
  return (
    <button
      type="button"
      aria-label="Copy code"
      title="Copy code"
      className={COPY_CODE_CLASS}
      onClick={() => void copy(code)}
    >
      {state === "copied" ? <Check aria-hidden size={14} /> : <Copy aria-hidden size={14} />}
      <span aria-live="polite">{COPY_CODE_LABEL[state]}</span>
    </button>
  );
}
