import { GitBranch } from "lucide-react";
import Link from "next/link";

/** Where a branch came from: its original (null title: gone) and where the copy ends. */
export type BranchOrigin = { chatId: string; title: string | null; afterMessageId: string | null };

const rule = "h-px min-w-8 flex-1 bg-zinc-200 dark:bg-zinc-800";

/** The line in a branch after its last copied message: what follows is the branch's own. */
export function BranchMark({ origin }: { origin: BranchOrigin }) {
  return (
    <div className="flex items-center gap-3 text-xs text-zinc-600 dark:text-zinc-400">
      <span aria-hidden className={rule} />
      <p className="flex min-w-0 items-center gap-1.5">
        <GitBranch aria-hidden size={14} className="shrink-0" />
        {origin.title === null ? (
          "Branched from a chat that has since been deleted"
        ) : (
          <>
            <span className="shrink-0">Branched from</span>{" "}
            <Link
              href={`/chatbot/c/${origin.chatId}`}
              className="truncate font-medium underline underline-offset-2 hover:text-zinc-900 dark:hover:text-zinc-100"
            >
              {origin.title}
            </Link>
          </>
        )}
      </p>
      <span aria-hidden className={rule} />
    </div>
  );
}
