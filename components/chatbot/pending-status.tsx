import { Clock } from "lucide-react";
import { useEffect, useState } from "react";
import type { Wait } from "@/lib/client/retry";

/** Whole seconds until `until` (0 once past it, or when null), ticking each second. */
function useSecondsLeft(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/**
 * Under a message the server has not taken yet: it is being sent again by itself, and
 * "Retry now" skips the wait. The countdown is hidden from screen readers, which would
 * otherwise announce the status every second.
 */
export function PendingStatus({
  label,
  wait,
  onRetryNow,
}: {
  label: string;
  wait: Wait;
  onRetryNow: () => void;
}) {
  const seconds = useSecondsLeft(wait.retryAt);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-amber-900 dark:text-amber-200">
      <p role="status" className="flex items-center gap-1.5">
        <Clock aria-hidden size={14} className="shrink-0" />
        <span>
          {label} — retrying
          <span aria-hidden>{seconds > 0 ? ` in ${seconds} s` : ""}</span>…
        </span>
      </p>
      <button
        type="button"
        onClick={onRetryNow}
        disabled={wait.retryAt === null}
        className="rounded-lg border border-amber-300 bg-white px-2.5 py-1 font-medium hover:bg-amber-50 disabled:opacity-50 dark:border-amber-800 dark:bg-transparent dark:hover:bg-amber-900/40"
      >
        Retry now
      </button>
    </div>
  );
}
