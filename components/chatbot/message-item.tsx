import { AlertCircle, RotateCcw } from "lucide-react";
import { Markdown } from "@/components/markdown/markdown";
import type { Wait } from "@/lib/client/retry";
import { PendingStatus } from "./pending-status";

export type UiMessage = {
  id: string;
  role: "user" | "assistant";
  content: string;
  isError: boolean;
  streaming?: boolean;
  /** Not stored: the notice for a reply that broke off, which Retry asks for again. */
  interrupted?: boolean;
};

export function MessageItem({
  message,
  onRetry,
  pending,
  onRetryNow,
}: {
  message: UiMessage;
  onRetry?: () => void;
  /** The request for this message waits to be sent again. */
  pending?: Wait;
  onRetryNow: () => void;
}) {
  if (message.role === "user") {
    return (
      <article aria-label="You" className="flex flex-col items-end gap-1.5">
        <div className="max-w-[85%] rounded-2xl bg-zinc-100 px-4 py-2.5 whitespace-pre-wrap [overflow-wrap:anywhere] dark:bg-zinc-800">
          {message.content}
        </div>
        {pending ? (
          <PendingStatus label="Not sent yet" wait={pending} onRetryNow={onRetryNow} />
        ) : null}
      </article>
    );
  }
  if (message.isError) {
    return (
      <article
        aria-label="SkillMate"
        className="flex flex-col items-start gap-2 rounded-xl border border-red-300 bg-red-50 px-4 py-3 text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
      >
        <p className="flex items-start gap-2">
          <AlertCircle aria-hidden size={18} className="mt-0.5 shrink-0" />
          <span>{message.content}</span>
        </p>
        {onRetry ? (
          <button
            type="button"
            onClick={onRetry}
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
    <article aria-label="SkillMate" aria-busy={message.streaming || undefined} className="min-w-0">
      {message.content ? (
        <Markdown>{message.content}</Markdown>
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
    </article>
  );
}
