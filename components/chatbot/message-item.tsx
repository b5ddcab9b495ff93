import { AlertCircle, RotateCcw } from "lucide-react";
import { lazy, memo, type ReactNode, Suspense } from "react";
import type { Wait } from "@/lib/client/retry";
import { MessageActions } from "./message-actions";
import { MessageEditor } from "./message-editor";
import { PendingStatus } from "./pending-status";

// The markdown renderer (with KaTeX, some 150 KB compressed) is not in the page's own
// scripts: the messages a chat opens with come rendered from the server (`body`), and the
// renderer is loaded for what arrives later, fetched as soon as the page is up
// (conversation.tsx) so that it is there by the first reply.
// Once loaded it is rendered directly: a lazy component suspends at its first render even
// when its module is already there, and the plain-text fallback it shows meanwhile has
// another height, which would move the text in view.
let Loaded: typeof import("@/components/markdown/markdown").Markdown | null = null;
const loadMarkdown = () =>
  import("@/components/markdown/markdown").then((m) => {
    Loaded = m.Markdown;
    return { default: m.Markdown };
  });
const LazyMarkdown = lazy(loadMarkdown);
export const preloadMarkdown = () => void loadMarkdown();

export type UiMessage = {
  id: string;
  role: "user" | "assistant";
  content: string;
  isError: boolean;
  streaming?: boolean;
  /** Not stored: the notice for a reply that broke off, which Retry asks for again. */
  interrupted?: boolean;
};

// A search result's message: outlined, and fading out when the mark goes.
const mark =
  "rounded-xl outline-2 outline-offset-8 outline-amber-500 transition-[outline-color] duration-1000 dark:outline-amber-400";

/**
 * One message. Memoized: every prop is stable from one streamed chunk to the next
 * (conversation.tsx), and use-chat-turn.ts replaces only the streaming message's object,
 * so a chunk re-renders that message alone.
 */
export const MessageItem = memo(function MessageItem({
  message,
  highlighted = false,
  body,
  last,
  replaceable,
  pending,
  onRetry,
  onRegenerate,
  onRetryNow,
  onBranch,
  editable = false,
  editText,
  onEditText,
  onEdit,
}: {
  message: UiMessage;
  /** Marked for a moment: the message a search result opened the chat at. */
  highlighted?: boolean;
  /** The message's text already rendered, by the server for the messages a chat opens with. */
  body?: ReactNode;
  /** The conversation's last message: its actions are always shown. */
  last: boolean;
  /** The last message while no turn runs: a failed reply offers Retry, a reply Regenerate. */
  replaceable: boolean;
  /** The request for this message waits to be sent again. */
  pending?: Wait;
  onRetry: (failed: UiMessage) => void;
  onRegenerate: () => void;
  onRetryNow: () => void;
  /** Offered under a stored reply: a new chat up to this message. */
  onBranch?: (message: UiMessage) => void;
  /** A message of the user's while no turn runs: Edit is offered. */
  editable?: boolean;
  /** The text being edited, while this message is (in place of its bubble). */
  editText?: string;
  /** Opens (the message's text), changes, or closes (null) this message's editor. */
  onEditText?: (id: string, text: string | null) => void;
  /** Sends the edited text as the new turn. */
  onEdit?: (message: UiMessage, text: string) => void;
}) {
  if (message.role === "user") {
    const editing = editText !== undefined && onEditText && onEdit;
    return (
      <article
        aria-label="You"
        data-message-id={message.id}
        className={`group/message flex flex-col items-end gap-1 ${highlighted ? mark : ""}`}
      >
        {editing ? (
          <MessageEditor
            text={editText}
            canSend={editable}
            onChange={(text) => onEditText(message.id, text)}
            onCancel={() => onEditText(message.id, null)}
            onSend={(text) => onEdit(message, text)}
          />
        ) : (
          <div className="max-w-[85%] rounded-2xl bg-zinc-100 px-4 py-2.5 whitespace-pre-wrap [overflow-wrap:anywhere] dark:bg-zinc-800">
            {message.content}
          </div>
        )}
        {pending ? (
          <PendingStatus label="Not sent yet" wait={pending} onRetryNow={onRetryNow} />
        ) : editing ? null : (
          <MessageActions
            text={message.content}
            onEdit={
              editable && onEditText ? () => onEditText(message.id, message.content) : undefined
            }
            alwaysShown={false}
            align="end"
          />
        )}
      </article>
    );
  }
  if (message.isError) {
    return (
      <article
        aria-label="SkillMate"
        data-message-id={message.id}
        className="flex flex-col items-start gap-2 rounded-xl border border-red-300 bg-red-50 px-4 py-3 text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
      >
        <p className="flex items-start gap-2">
          <AlertCircle aria-hidden size={18} className="mt-0.5 shrink-0" />
          <span>{message.content}</span>
        </p>
        {replaceable ? (
          <button
            type="button"
            onClick={() => onRetry(message)}
            className="inline-flex items-center gap-1.5 rounded-lg border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-900 hover:bg-red-100 dark:border-red-800 dark:bg-transparent dark:text-red-200 dark:hover:bg-red-900/40"
          >
            <RotateCcw aria-hidden size={14} />
            Retry
          </button>
        ) : null}
      </article>
    );
  }
  return (
    <article
      aria-label="SkillMate"
      aria-busy={message.streaming || undefined}
      data-message-id={message.id}
      className={`group/message flex min-w-0 flex-col gap-1 ${highlighted ? mark : ""}`}
    >
      {message.content ? (
        (body ??
        (Loaded ? (
          <Loaded streaming={message.streaming}>{message.content}</Loaded>
        ) : (
          // Until the renderer arrives (rarely: it is fetched at once), the text as it is.
          <Suspense fallback={<div className="whitespace-pre-wrap">{message.content}</div>}>
            <LazyMarkdown streaming={message.streaming}>{message.content}</LazyMarkdown>
          </Suspense>
        )))
      ) : pending ? (
        <PendingStatus label="Could not reach SkillMate" wait={pending} onRetryNow={onRetryNow} />
      ) : (
        <p className="flex items-center gap-1 text-zinc-600 dark:text-zinc-400">
          <span>SkillMate is thinking</span>
          <span aria-hidden className="inline-flex gap-0.5">
            <span className="size-1 animate-bounce rounded-full bg-current" />
            <span className="size-1 animate-bounce rounded-full bg-current [animation-delay:150ms]" />
            <span className="size-1 animate-bounce rounded-full bg-current [animation-delay:300ms]" />
          </span>
        </p>
      )}
      {/* Its row is kept while the reply streams, so the actions appear without a jump. */}
      {message.streaming ? (
        <div className="h-8" />
      ) : (
        <MessageActions
          text={message.content}
          onRegenerate={replaceable ? onRegenerate : undefined}
          // Not for a reply still waiting to be asked for: it is not stored yet.
          onBranch={onBranch && message.content ? () => onBranch(message) : undefined}
          alwaysShown={last}
          align="start"
        />
      )}
    </article>
  );
});
