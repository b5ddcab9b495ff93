import { ArrowDown } from "lucide-react";
import { type RefObject, useEffect, useState } from "react";

/**
 * Whether `end`, the last thing in `scroller`, is in view (within `marginPx` below it).
 * An IntersectionObserver, so that nothing measures the layout as a reply streams: the
 * answer changes, and the view re-renders, only when the end comes into or out of view.
 */
export function useAtBottom(
  scroller: RefObject<HTMLElement | null>,
  end: RefObject<HTMLElement | null>,
  marginPx: number,
): boolean {
  const [atBottom, setAtBottom] = useState(true);
  useEffect(() => {
    const root = scroller.current;
    const target = end.current;
    if (!root || !target) return;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries.at(-1);
        if (entry) setAtBottom(entry.isIntersecting);
      },
      { root, rootMargin: `0px 0px ${marginPx}px 0px` },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [scroller, end, marginPx]);
  return atBottom;
}

/**
 * Floats at the bottom of the conversation, over the messages, just above the composer.
 * `byKeyboard` tells a press of Enter or Space (a click with no pointer, detail 0): the
 * button then vanishes with the focus on it, which must go somewhere useful.
 */
export function JumpToLatest({ onClick }: { onClick: (byKeyboard: boolean) => void }) {
  return (
    <button
      type="button"
      aria-label="Jump to latest"
      title="Jump to latest"
      onClick={(event) => onClick(event.detail === 0)}
      className="absolute bottom-3 left-1/2 z-10 inline-flex size-9 -translate-x-1/2 items-center justify-center rounded-full border border-zinc-300 bg-white text-zinc-700 shadow-md hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
    >
      <ArrowDown aria-hidden size={18} />
    </button>
  );
}
