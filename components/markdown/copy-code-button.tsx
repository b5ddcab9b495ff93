"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { copyText } from "@/components/markdown/copy-text";

export function CopyCodeButton({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label="Copy code"
      title="Copy code"
      className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-zinc-200 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-sky-400"
      onClick={async () => {
        if (await copyText(code)) {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } else {
          toast.error("Could not copy the code.");
        }
      }}
    >
      {copied ? <Check aria-hidden size={14} /> : <Copy aria-hidden size={14} />}
      <span>{copied ? "Copied" : "Copy"}</span>
    </button>
  );
}
