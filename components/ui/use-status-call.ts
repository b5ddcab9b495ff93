"use client";

import { useState } from "react";
import { refusalMessage } from "@/lib/client/refusal";

/**
 * A list page's calls and the status line that reports them: `run` marks the page busy
 * while `call` runs, then shows its refusal, or what `done` (which updates the list)
 * returns.
 */
export function useStatusCall() {
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  async function run(call: () => Promise<unknown>, done: () => string) {
    setBusy(true);
    const failed = await refusalMessage(call);
    setBusy(false);
    setStatus(failed ?? done());
  }

  return { status, setStatus, busy, setBusy, run };
}
