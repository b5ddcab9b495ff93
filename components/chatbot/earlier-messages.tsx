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
import { toast } from "sonner";
import { OPEN_WITH } from "@/lib/chats/latest-messages";

/** How many more each step shows as the reader scrolls up. */
const STEP = 60;
/** How far above the view the first shown message may be before more are shown. */
const AHEAD_PX = 1500;

/**
 * A long chat opens with its latest OPEN_WITH messages (lib/chats/latest-messages.ts):
 * the page carries, renders and hydrates those alone. Earlier ones appear before the
 * reader scrolls to them, or all at once with the button, without moving the text in
 * view; those the page did not carry (`unloaded`) are fetched first, with `load`.
 *
 * `hidden` counts the leading messages not shown, of all the chat's: loaded or not. So
 * it still means the same once the unloaded ones arrive in front of the loaded.
 */
export function useEarlierMessages({
  loaded,
  unloaded,
  load,
  scroller,
}: {
  loaded: number;
  unloaded: number;
  load: () => Promise<void>;
  scroller: RefObject<HTMLElement | null>;
}) {
  const [hidden, setHidden] = useState(() => Math.max(0, unloaded + loaded - OPEN_WITH));
  const [loading, setLoading] = useState(false);
  const marker = useRef<HTMLDivElement>(null);
  // The distance from the content's end to the view's top, while messages are about to
  // be inserted above: restored after, so the view stays on the same text.
  const fromEnd = useRef<number | null>(null);
  const waiting = hidden < unloaded;

  const showMore = useCallback(
    (all = false) => {
      const root = scroller.current;
      if (root) fromEnd.current = root.scrollHeight - root.scrollTop;
      startTransition(() => setHidden((h) => (all ? 0 : Math.max(0, h - STEP))));
    },
    [scroller],
  );

  // Fetched once; tried again (from the next scroll up) only after a failure.
  const fetched = useRef(false);
  useEffect(() => {
    if (!waiting || loading || fetched.current) return;
    fetched.current = true;
    setLoading(true);
    load()
      .catch(() => {
        fetched.current = false;
        toast.error("Could not load the earlier messages.");
        setHidden(unloaded);
      })
      .finally(() => setLoading(false));
  }, [waiting, loading, load, unloaded]);

  useEffect(() => {
    const root = scroller.current;
    const target = marker.current;
    if (!root || !target || hidden === 0 || waiting) return;
    const observer = new IntersectionObserver(
      (entries) => {
        // Not before the messages are laid out: while hydrating, the view can briefly
        // be empty, with the marker in it.
        if (root.scrollHeight <= root.clientHeight) return;
        if (entries.some((entry) => entry.isIntersecting)) showMore();
      },
      { root, rootMargin: `${AHEAD_PX}px 0px 0px 0px` },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [hidden, waiting, scroller, showMore]);

  const firstShown = Math.max(0, hidden - unloaded);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when messages were inserted above
  useLayoutEffect(() => {
    const root = scroller.current;
    if (!root || fromEnd.current === null || waiting) return;
    root.scrollTop = root.scrollHeight - fromEnd.current;
    fromEnd.current = null;
  }, [firstShown, unloaded, waiting]);

  return {
    hidden,
    loading,
    /** Index of the first loaded message to show. */
    firstShown,
    marker,
    showAll: () => showMore(true),
    /** The reader scrolled while earlier messages load: keep to what they see now. */
    onScroll: (el: HTMLElement) => {
      if (fromEnd.current !== null) fromEnd.current = el.scrollHeight - el.scrollTop;
    },
  };
}

/** Above the first shown message: where more appear, and a button for all of them at once. */
export function EarlierMessages({
  count,
  loading,
  marker,
  onShowAll,
}: {
  count: number;
  loading: boolean;
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
        {loading
          ? "Loading earlier messages…"
          : `Show ${count} earlier ${count === 1 ? "message" : "messages"}`}
      </button>
    </div>
  );
}
