import { useLayoutEffect, useRef } from "react";
import { EmptyChat } from "./empty-chat";
import { MessageItem, type UiMessage } from "./message-item";
import type { PendingSend } from "./use-chat-turn";

export function Conversation({
  messages,
  busy,
  pending,
  onSend,
  onRetry,
  onRetryNow,
}: {
  messages: UiMessage[];
  busy: boolean;
  pending: PendingSend | null;
  onSend: (text: string) => void;
  onRetry: (failed: UiMessage) => void;
  onRetryNow: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const followed = useRef<string | null>(null);

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

  const last = messages.at(-1);

  return (
    <div
      ref={scroller}
      onScroll={(event) => {
        const el = event.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
      className="min-h-0 flex-1 overflow-y-auto"
    >
      <section
        aria-label="Conversation"
        aria-busy={busy || undefined}
        className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6"
      >
        {messages.length === 0 ? (
          <EmptyChat busy={busy} onPick={onSend} />
        ) : (
          shown.map((m) => (
            <MessageItem
              key={m.id}
              message={m}
              onRetry={m === last && m.isError && !busy ? () => onRetry(m) : undefined}
              pending={m.id === pending?.messageId ? pending : undefined}
              onRetryNow={onRetryNow}
            />
          ))
        )}
      </section>
    </div>
  );
}
