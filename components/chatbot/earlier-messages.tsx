import { ChevronUp } from "lucide-react";
import {
  type RefObject,
  startTransition,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from "react";

/** How many of its latest messages a chat opens with. */
export const OPEN_WITH = 40;
/** How many more each step shows as the reader scrolls up. */
const STEP = 60;
/** How far above the view the first shown message may be before more are shown. */
const AHEAD_PX = 1500;

/**
 * A long chat opens with its latest OPEN_WITH messages, so the server renders, and the
 * browser hydrates, those alone: a 500-message chat opens as fast as a 40-message one.
 * Earlier messages appear, without moving what the reader sees, before they scroll to
 * them, or at once with the button. Returns how many leading messages to leave out.
 */
export function useEarlierMessages(total: number, scroller: RefObject<HTMLElement | null>) {
  const [hidden, setHidden] = useState(() => Math.max(0, total - OPEN_WITH));
  const marker = useRef<HTMLDivElement>(null);
  // The distance from the content's end to the view's top, kept while messages are
  // inserted above, so that the view stays on the same text.
  const fromEnd = useRef<number | null>(null);

  const showMore = useCallback(
    (all = false) => {
      const root = scroller.current;
      if (root) fromEnd.current = root.scrollHeight - root.scrollTop;
      startTransition(() => setHidden((h) => (all ? 0 : Math.max(0, h - STEP))));
    },
    [scroller],
  );

  useEffect(() => {
    const root = scroller.current;
    const target = marker.current;
    if (!root || !target || hidden === 0) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) showMore();
      },
      { root, rootMargin: `${AHEAD_PX}px 0px 0px 0px` },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [hidden, scroller, showMore]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when messages were inserted
  useLayoutEffect(() => {
    const root = scroller.current;
    if (!root || fromEnd.current === null) return;
    root.scrollTop = root.scrollHeight - fromEnd.current;
    fromEnd.current = null;
  }, [hidden]);

  return { hidden, marker, showAll: () => showMore(true) };
}

/** Above the first shown message: where more appear, and a button for all of them at once. */
export function EarlierMessages({
  count,
  marker,
  onShowAll,
}: {
  count: number;
  marker: RefObject<HTMLDivElement | null>;
  onShowAll: () => void;
}) {
  if (count === 0) return null;
  return (
    <div ref={marker} className="flex justify-center">
      <button
        type="button"
        onClick={onShowAll}
        className="inline-flex items-center gap-1.5 rounded-full border border-zinc-300 px-3 py-1 text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <ChevronUp aria-hidden size={14} />
        Show {count} earlier {count === 1 ? "message" : "messages"}
      </button>
    </div>
  );
}
