"use client";

import { X } from "lucide-react";
import { useId } from "react";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { useShortcutList } from "./shortcuts";

/** The workspace's keyboard shortcuts (Ctrl/Cmd+/), in a modal dialog. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useModalDialog(open);
  const titleId = useId();
  const shortcuts = useShortcutList();

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      // visible: the sidebar it lives in is hidden on phones while the drawer is closed.
      className="visible m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-3 dark:border-zinc-700">
        <h2 id={titleId} className="font-semibold">
          Keyboard shortcuts
        </h2>
        <button
          type="button"
          aria-label="Close"
          onClick={onClose}
          className="inline-flex size-8 items-center justify-center rounded-md hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          <X aria-hidden size={16} />
        </button>
      </div>
      <dl className="flex flex-col px-4 py-2">
        {shortcuts.map(({ action, keys }) => (
          <div key={action} className="flex items-center justify-between gap-4 py-2 text-sm">
            <dt>{action}</dt>
            <dd>
              <kbd className="rounded-md border border-zinc-300 bg-zinc-50 px-2 py-0.5 font-sans text-xs dark:border-zinc-600 dark:bg-zinc-800">
                {keys}
              </kbd>
            </dd>
          </div>
        ))}
      </dl>
    </dialog>
  );
}
