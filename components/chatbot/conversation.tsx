import { Fragment, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";
import { BranchMark, type BranchOrigin } from "./branch-mark";
import { EarlierMessages, useEarlierMessages } from "./earlier-messages";
import { EmptyChat } from "./empty-chat";
import { JumpToLatest, useAtBottom } from "./jump-to-latest";
import { MessageItem, preloadMarkdown, type UiMessage } from "./message-item";
import type { PendingSend } from "./use-chat-turn";
import { useStableCallback } from "./use-stable-callback";

/** How near the end still counts as at the end, for following and for Jump to latest. */
const NEAR_END_PX = 80;

const noEarlier = async () => {};

export function Conversation({
  messages,
  busy,
  pending,
  onSend,
  onRetry,
  onRegenerate,
  onRetryNow,
  onEdit,
  onBranch,
  unloaded = 0,
  loadEarlier,
  focusComposer,
  bodies,
  focusMessageId,
  branchedFrom,
}: {
  messages: UiMessage[];
  busy: boolean;
  pending: PendingSend | null;
  onSend: (text: string) => void;
  onRetry: (failed: UiMessage) => void;
  onRegenerate: () => void;
  onRetryNow: () => void;
  /** Sends a user message's new text in place of it and what follows; false: not taken. */
  onEdit?: (message: UiMessage, text: string) => Promise<boolean>;
  /** Copies the chat up to this reply into a new chat (Branch in new chat). */
  onBranch?: (message: UiMessage) => void;
  /** Earlier messages the page did not carry, which `loadEarlier` fetches. */
  unloaded?: number;
  loadEarlier?: () => Promise<void>;
  /** After Jump to latest from the keyboard: typing the next message is what comes next. */
  focusComposer?: () => void;
  /** Message texts the server rendered, by message id (see MessageItem's `body`). */
  bodies?: Readonly<Record<string, ReactNode>>;
  /** Shown in the middle of the view and highlighted at first, instead of the end. */
  focusMessageId?: string;
  /** A branch: a line after its last copied message says where it came from. */
  branchedFrom?: BranchOrigin;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const end = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const lastTop = useRef(0);
  const followed = useRef<string | null>(null);
  const atBottom = useAtBottom(scroller, end, NEAR_END_PX);
  const earlier = useEarlierMessages({
    unloaded,
    load: loadEarlier ?? noEarlier,
    scroller,
    following: () => pinned.current,
  });
  // The same functions at every render, so that memoized messages are left alone.
  const retry = useStableCallback(onRetry);
  const regenerate = useStableCallback(onRegenerate);
  const retryNow = useStableCallback(onRetryNow);
  const branch = useStableCallback((message: UiMessage) => onBranch?.(message));
  // The message being edited and its text: kept here, so that an edit the server did not
  // take (a limit, a conflict) opens again with its text when the message comes back.
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const editText = useStableCallback((id: string, text: string | null) =>
    setEditing(text === null ? null : { id, text }),
  );
  const edit = useStableCallback(async (message: UiMessage, text: string) => {
    if (await onEdit?.(message, text)) {
      setEditing((current) => (current?.id === message.id ? null : current));
    }
  });
  useEffect(preloadMarkdown, []);

  // A search result's message: in view and marked until the reader moves on (a few
  // seconds), rather than the end of the chat.
  const [highlighted, setHighlighted] = useState(focusMessageId);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the chat opens
  useLayoutEffect(() => {
    if (!focusMessageId) return;
    const target = scroller.current?.querySelector(`[data-message-id="${focusMessageId}"]`);
    if (!target) return;
    pinned.current = false;
    target.scrollIntoView({ block: "center" });
    const timer = setTimeout(() => setHighlighted(undefined), 4_000);
    return () => clearTimeout(timer);
  }, []);

  // While a message waits to be sent, nothing is "thinking" about it yet.
  const shown = pending
    ? messages.filter((m) => !m.streaming || m.content || m.id === pending.messageId)
    : messages;

  // Follow the reply as it streams (and the line saying a message waits to be sent),
  // unless the reader scrolled up to read; a new reply is followed from its start all
  // the same.
  useLayoutEffect(() => {
    const reply = shown.at(-1);
    if (reply?.streaming && reply.id !== followed.current) {
      followed.current = reply.id;
      pinned.current = true;
    }
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [shown]);

  // And whatever else changes the content's height while the view follows the end (earlier
  // messages arriving above, code coloured, Jump to latest still on its way): the view
  // stays at the end.
  useEffect(() => {
    const el = scroller.current;
    const content = el?.firstElementChild;
    if (!el || !content) return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(content);
    return () => observer.disconnect();
  }, []);

  // Following stops when the reader scrolls up, and starts again at the end. Only an
  // upward move unpins: Jump to latest's smooth scroll passes far from the end on its way
  // down, and text arriving meanwhile must still be followed.
  function onScroll(el: HTMLDivElement) {
    const top = el.scrollTop;
    const nearEnd = el.scrollHeight - top - el.clientHeight < NEAR_END_PX;
    pinned.current = nearEnd || (pinned.current && top >= lastTop.current);
    lastTop.current = top;
  }

  function jumpToLatest(byKeyboard: boolean) {
    const el = scroller.current;
    if (!el) return;
    pinned.current = true;
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollTo({ top: el.scrollHeight, behavior: still ? "auto" : "smooth" });
    // Not for a tap: on a phone, focus in the composer would open the keyboard.
    if (byKeyboard) focusComposer?.();
  }

  const last = messages.at(-1);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scroller}
        onScroll={(event) => onScroll(event.currentTarget)}
        className="min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]"
      >
        <section
          aria-label="Conversation"
          aria-busy={busy || undefined}
          className="mx-auto flex w-full max-w-3xl flex-col gap-4 px-4 py-6"
        >
          <EarlierMessages
            count={earlier.hidden}
            loading={earlier.loading}
            marker={earlier.marker}
            onShowAll={earlier.showAll}
          />
          {messages.length === 0 ? (
            <EmptyChat busy={busy} onPick={onSend} />
          ) : (
            shown.slice(earlier.firstShown).map((m) => (
              <Fragment key={m.id}>
                <MessageItem
                  message={m}
                  highlighted={m.id === highlighted}
                  body={bodies?.[m.id]}
                  last={m === last}
                  replaceable={m === last && !busy}
                  pending={m.id === pending?.messageId ? pending : undefined}
                  onRetry={retry}
                  onRegenerate={regenerate}
                  onRetryNow={retryNow}
                  onBranch={onBranch ? branch : undefined}
                  {...(onEdit && m.role === "user"
                    ? {
                        editable: !busy && !pending,
                        editText: editing?.id === m.id ? editing.text : undefined,
                        onEditText: editText,
                        onEdit: edit,
                      }
                    : {})}
                />
                {m.id === branchedFrom?.afterMessageId ? (
                  <BranchMark origin={branchedFrom} />
                ) : null}
              </Fragment>
            ))
          )}
        </section>
        <div ref={end} aria-hidden className="h-px" />
      </div>
      {atBottom ? null : <JumpToLatest onClick={jumpToLatest} />}
    </div>
  );
}
