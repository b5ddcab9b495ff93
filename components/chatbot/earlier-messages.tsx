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

/** How many more each step shows as the reader scrolls up. */
const STEP = 60;
/** How far above the view the first shown message may be before more are shown. */
const AHEAD_PX = 1500;

/**
 * A long chat opens with its latest messages (lib/chats/latest-messages.ts): the page
 * carries, renders and hydrates those alone, and shows all it carries. Earlier ones
 * appear before the reader scrolls to them, or all at once with the button, without
 * moving the text in view; those the page did not carry (`unloaded`) are fetched first,
 * with `load`.
 *
 * `hidden` counts the leading messages not shown, of all the chat's: loaded or not. So
 * it still means the same once the unloaded ones arrive in front of the loaded.
 */
export function useEarlierMessages({
  unloaded,
  load,
  scroller,
  following,
}: {
  unloaded: number;
  /** Whether the view follows the conversation's end (the reader is there, or going there). */
  following: () => boolean;
  load: () => Promise<void>;
  scroller: RefObject<HTMLElement | null>;
}) {
  const [hidden, setHidden] = useState(unloaded);
  const [loading, setLoading] = useState(false);
  const marker = useRef<HTMLDivElement>(null);
  // While messages are about to be inserted above: the first message shown now, and where
  // it sits in the content. After the insertion the view moves by as much as it moved, so
  // the same text stays in view however the reader scrolled meanwhile (a position taken
  // from scroll events would lag the last scroll step) and whatever grew below.
  const anchor = useRef<{ el: Element; at: number } | null>(null);
  const waiting = hidden < unloaded;

  const showMore = useCallback(
    (all = false) => {
      const el = marker.current?.nextElementSibling;
      const root = scroller.current;
      if (el && root && !anchor.current) anchor.current = { el, at: contentTop(el, root) };
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
    const was = anchor.current;
    if (!root || !was || waiting) return;
    anchor.current = null;
    // At the end (or on the way there, by Jump to latest) the view stays at the end.
    if (following()) root.scrollTop = root.scrollHeight;
    else if (was.el.isConnected) root.scrollTop += contentTop(was.el, root) - was.at;
  }, [firstShown, unloaded, waiting]);

  return {
    hidden,
    loading,
    /** Index of the first loaded message to show. */
    firstShown,
    marker,
    showAll: () => showMore(true),
  };
}

/** Where `el` sits in the scroller's content: the same wherever the view is scrolled. */
function contentTop(el: Element, root: HTMLElement): number {
  return el.getBoundingClientRect().top - root.getBoundingClientRect().top + root.scrollTop;
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
