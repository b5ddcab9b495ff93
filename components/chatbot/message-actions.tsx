import { Check, Copy, GitBranch, Pencil, RefreshCw } from "lucide-react";
import type { ReactNode } from "react";
import { toast } from "sonner";
import { useCopy } from "@/components/markdown/use-copy";

// The small toolbar under a message: Copy, Edit under the user's, Branch in new chat under
// each reply, and Regenerate under the last one. Its row keeps its height whether or not
// its buttons show, so nothing below moves when they appear; shown on hover or focus of the
// message (`group/message`), except where it is always shown: the last reply, and every
// message on a device that cannot hover.

/** An action named by its label (to the eye too, as a tooltip), shown by its icon. */
function IconButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="inline-flex size-8 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
    >
      {children}
    </button>
  );
}

const onHover =
  "opacity-0 transition-opacity group-focus-within/message:opacity-100 group-hover/message:opacity-100 [@media(hover:none)]:opacity-100";

export function MessageActions({
  text,
  onRegenerate,
  onEdit,
  onBranch,
  alwaysShown,
  align,
}: {
  /** What Copy copies: the message as written (markdown for a reply). */
  text: string;
  /** Given only where Regenerate is offered. */
  onRegenerate?: () => void;
  /** Given only where Edit is offered. */
  onEdit?: () => void;
  /** Given only where Branch in new chat is offered. */
  onBranch?: () => void;
  alwaysShown: boolean;
  align: "start" | "end";
}) {
  const { state, copy } = useCopy();
  const copied = state === "copied";

  async function copyMessage() {
    if (!(await copy(text))) toast.error("Could not copy the message.");
  }

  return (
    <div
      // Reversed under the user's message, so that "Copied" grows leftwards and the
      // button stays under the bubble's edge.
      className={`flex h-8 items-center gap-0.5 text-xs text-zinc-600 dark:text-zinc-400 ${
        // The icons, not their buttons' edges, line up with the message.
        align === "end" ? "flex-row-reverse" : "-ml-2"
      } ${alwaysShown || copied ? "" : onHover}`}
    >
      <IconButton label="Copy" onClick={() => void copyMessage()}>
        {copied ? <Check aria-hidden size={16} /> : <Copy aria-hidden size={16} />}
      </IconButton>
      {onEdit ? (
        <IconButton label="Edit" onClick={onEdit}>
          <Pencil aria-hidden size={16} />
        </IconButton>
      ) : null}
      {onBranch ? (
        <IconButton label="Branch in new chat" onClick={onBranch}>
          <GitBranch aria-hidden size={16} />
        </IconButton>
      ) : null}
      {onRegenerate ? (
        <IconButton label="Regenerate" onClick={onRegenerate}>
          <RefreshCw aria-hidden size={16} />
        </IconButton>
      ) : null}
      {/* A live region that is there from the start, so that "Copied" is announced. */}
      <span aria-live="polite" className="px-1">
        {copied ? "Copied" : ""}
      </span>
    </div>
  );
}
