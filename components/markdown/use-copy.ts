import { useEffect, useRef, useState } from "react";
import { copyText } from "./copy-text";

/** How long a copy's outcome shows before the control is back as it was. */
const SHOWN_MS = 1500;

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
    timer.current = setTimeout(() => setState("idle"), SHOWN_MS);
    return ok;
  }
  return { state, copy };
}
