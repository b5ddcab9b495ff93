import { useEffect, useRef, useState } from "react";
import { COPY_SHOWN_MS } from "@/lib/markdown/markup";
import { copyText } from "./copy-text";

/**
 * Copy, and how the last copy went for a moment after ("copied" or "failed", then
 * "idle"); a new copy restarts the moment, and unmounting ends it.
 */
export function useCopy() {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy(text: string): Promise<boolean> {
    const ok = await copyText(text);
    setState(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), COPY_SHOWN_MS);
    return ok;
  }
  return { state, copy };
}
