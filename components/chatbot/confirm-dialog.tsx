"use client";

import { type ReactNode, useId } from "react";
import { secondaryButton } from "@/components/ui/button-classes";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
  children,
  busy = false,
}: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  /** What the confirmation needs besides a click (deleting an account: the password). */
  children?: ReactNode;
  /** While the confirmed action runs: the confirm button waits. */
  busy?: boolean;
}) {
  const ref = useModalDialog(open);
  const titleId = useId();
  const bodyId = useId();

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={onClose}
      // visible: it may live in the sidebar, hidden on phones while the drawer is closed
      // (Ctrl+Shift+Backspace opens the open chat's row's dialog from anywhere).
      className="visible m-auto w-[min(24rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <p id={bodyId} className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        {body}
      </p>
      {children ? <div className="mt-4">{children}</div> : null}
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" className={secondaryButton} onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="inline-flex items-center justify-center rounded-lg bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
          disabled={busy}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
