"use client";

import { Loader2, MessageSquare, Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { ApiError, chatsApi } from "@/lib/client/chats-api";
import type { SearchResultOut } from "@/lib/validation/chat";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
// Typing pauses this long before a search goes out: one request per word, not per key.
const DEBOUNCE_MS = 200;

type State =
  | { kind: "idle" }
  | { kind: "searching" }
  | { kind: "done"; query: string; results: SearchResultOut[]; next: string | null }
  | { kind: "failed"; message: string };

/** Where a result opens: the chat, at the message that matched (a title match: its end). */
export function resultHref(result: SearchResultOut): string {
  const at = result.message_id ? `?m=${result.message_id}` : "";
  return `/chatbot/c/${result.chat_id}${at}`;
}

/** The snippet with its matches in <mark>. */
function Snippet({ text, highlights }: { text: string; highlights: [number, number][] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of highlights) {
    if (start < at) continue;
    parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-700">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/**
 * Search over the caller's chats (GET /api/chats/search/) in a modal dialog: results as
 * the reader types, each a link to the chat at the message that matched. The arrow keys
 * go from the box to the results and between them; Enter opens one; Escape closes.
 */
export function SearchDialog({
  open,
  onClose,
  onOpened,
}: {
  open: boolean;
  onClose: () => void;
  /** After a result was chosen (the drawer closes on phones). */
  onOpened: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const dialog = useModalDialog(open, () => input.current?.select());
  const list = useRef<HTMLUListElement>(null);
  const titleId = useId();
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [state, setState] = useState<State>({ kind: "idle" });
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (!q) return setState({ kind: "idle" });
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setState({ kind: "searching" });
      try {
        const page = await chatsApi.search(q, null, controller.signal);
        setState({ kind: "done", query: q, results: page.results, next: page.next_cursor });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState({
          kind: "failed",
          message: error instanceof ApiError ? error.message : "Search failed. Please try again.",
        });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  async function loadMore() {
    if (state.kind !== "done" || !state.next) return;
    setLoadingMore(true);
    try {
      const page = await chatsApi.search(state.query, state.next, new AbortController().signal);
      setState({
        ...state,
        results: [...state.results, ...page.results],
        next: page.next_cursor,
      });
    } catch (error) {
      setState({
        kind: "failed",
        message: error instanceof ApiError ? error.message : "Search failed. Please try again.",
      });
    } finally {
      setLoadingMore(false);
    }
  }

  function choose(result: SearchResultOut) {
    onClose();
    onOpened();
    router.push(resultHref(result));
  }

  // Up and down move through the box and the results, as in a menu.
  function onKeyDown(event: KeyboardEvent) {
    // One Escape closes, even from a search box with text (which would only clear it).
    if (event.key === "Escape") {
      event.preventDefault();
      return onClose();
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>("a") ?? [])];
    if (links.length === 0) return;
    event.preventDefault();
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) input.current?.focus();
    else links[Math.min(next, links.length - 1)]?.focus();
  }

  const results = state.kind === "done" ? state.results : [];
  const status =
    state.kind === "searching"
      ? "Searching…"
      : state.kind === "failed"
        ? state.message
        : state.kind === "done"
          ? results.length === 0
            ? `No chats match “${state.query}”.`
            : `${results.length}${state.next ? "+" : ""} ${results.length === 1 ? "result" : "results"}`
          : "Search the titles and messages of your chats.";

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={onKeyDown}
      // A click on the backdrop (the dialog itself, outside its box) closes it.
      onClick={(event) => event.target === dialog.current && onClose()}
      // visible: the sidebar it lives in is hidden on phones while the drawer is closed.
      className="visible m-auto mt-[10vh] w-[min(40rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id={titleId} className="sr-only">
        Search chats
      </h2>
      <div className="flex items-center gap-2 border-b border-zinc-200 px-3 dark:border-zinc-700">
        <Search aria-hidden size={18} className="shrink-0 text-zinc-500" />
        <input
          ref={input}
          type="search"
          aria-label="Search chats"
          aria-describedby={`${titleId}-status`}
          placeholder="Search chats…"
          value={query}
          maxLength={200}
          onChange={(event) => setQuery(event.target.value)}
          className="min-w-0 flex-1 bg-transparent py-3 text-base outline-none placeholder:text-zinc-500"
        />
        <button
          type="button"
          aria-label="Close search"
          onClick={onClose}
          className="inline-flex size-8 shrink-0 items-center justify-center rounded-md hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          <X aria-hidden size={16} />
        </button>
      </div>
      <p
        id={`${titleId}-status`}
        role="status"
        className="px-4 pt-3 pb-1 text-xs text-zinc-600 dark:text-zinc-400"
      >
        {status}
      </p>
      {results.length > 0 ? (
        <ul
          ref={list}
          aria-label="Search results"
          className="max-h-[60vh] overflow-y-auto px-2 pb-2"
        >
          {results.map((result) => (
            <li key={result.message_id ?? result.chat_id}>
              <a
                href={resultHref(result)}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                  event.preventDefault();
                  choose(result);
                }}
                className="flex gap-3 rounded-lg px-2 py-2 hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800"
              >
                <MessageSquare aria-hidden size={16} className="mt-0.5 shrink-0 text-zinc-500" />
                <span className="min-w-0 flex-1">
                  <span className="flex items-baseline justify-between gap-2">
                    <span className="truncate text-sm font-medium">
                      {result.message_id ? (
                        result.title
                      ) : (
                        <Snippet text={result.snippet} highlights={result.highlights} />
                      )}
                    </span>
                    <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400">
                      {result.is_archived ? "Archived · " : ""}
                      {dateFormat.format(new Date(result.created_at))}
                    </span>
                  </span>
                  {result.message_id ? (
                    <span className="line-clamp-2 text-sm text-zinc-700 dark:text-zinc-300">
                      <Snippet text={result.snippet} highlights={result.highlights} />
                    </span>
                  ) : (
                    <span className="text-xs text-zinc-600 dark:text-zinc-400">Title match</span>
                  )}
                </span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {state.kind === "done" && state.next ? (
        <div className="flex justify-center pb-3">
          <button
            type="button"
            disabled={loadingMore}
            onClick={() => void loadMore()}
            className="inline-flex items-center gap-1.5 text-sm text-zinc-700 underline dark:text-zinc-300"
          >
            {loadingMore ? <Loader2 aria-hidden size={14} className="animate-spin" /> : null}
            More results
          </button>
        </div>
      ) : null}
    </dialog>
  );
}
