import { useLayoutEffect, useRef } from "react";
import { primaryButton, secondaryButton } from "@/components/ui/button-classes";
import { useAutoHeight } from "./use-auto-height";

const MAX_HEIGHT = 320;

/**
 * One of the user's messages being edited, in place of its bubble. Enter sends, Shift+Enter
 * breaks the line and Escape cancels, as in the composer. There are no branches to keep the
 * old turn in, so it says what sending does: the message and everything after it are
 * replaced.
 */
export function MessageEditor({
  text,
  canSend,
  onChange,
  onCancel,
  onSend,
}: {
  text: string;
  /** False while a turn runs: the edit waits, its text kept. */
  canSend: boolean;
  onChange: (text: string) => void;
  onCancel: () => void;
  onSend: (text: string) => void;
}) {
  const area = useRef<HTMLTextAreaElement>(null);

  // Opened with the caret after the text, as where one goes on typing.
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  useAutoHeight(area, text, MAX_HEIGHT);

  const ready = canSend && text.trim().length > 0;
  const send = () => {
    if (ready) onSend(text.trim());
  };

  return (
    <form
      aria-label="Edit message"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      className="flex w-full max-w-[85%] flex-col gap-2 rounded-2xl border border-zinc-300 bg-white p-3 shadow-sm focus-within:border-zinc-500 dark:border-zinc-700 dark:bg-zinc-900 dark:focus-within:border-zinc-400"
    >
      <textarea
        ref={area}
        aria-label="Edited message"
        rows={1}
        value={text}
        maxLength={100_000}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            // Taken here (shortcuts.ts leaves a prevented Escape alone): not a Stop.
            event.preventDefault();
            onCancel();
          } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
          }
        }}
        className="w-full resize-none bg-transparent text-base leading-6 outline-none"
      />
      <div className="flex flex-wrap items-center justify-end gap-2">
        <p className="mr-auto text-xs text-zinc-600 dark:text-zinc-400">
          Sending replaces this message and everything after it.
        </p>
        <button type="button" onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
        <button type="submit" disabled={!ready} className={primaryButton}>
          Send
        </button>
      </div>
    </form>
  );
}
