"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/chatbot/confirm-dialog";
import { refusalMessage } from "@/lib/client/refusal";

/**
 * A button for a call that changes much at once (sign out everywhere, archive or delete
 * every chat): confirmed in a dialog, then a full load of `then`, so that every
 * server-rendered part sees the change; a refusal is shown under the button.
 */
export function ConfirmedCall({
  label,
  body,
  className,
  call,
  then,
}: {
  /** The button's, the dialog's title (with a "?") and its confirm button's. */
  label: string;
  body: string;
  className: string;
  call: () => Promise<unknown>;
  then: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function run() {
    setBusy(true);
    const failed = await refusalMessage(call);
    setBusy(false);
    setConfirming(false);
    if (failed) return setError(failed);
    window.location.assign(then);
  }

  return (
    <div>
      <button type="button" className={className} onClick={() => setConfirming(true)}>
        {label}
      </button>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`${label}?`}
        body={body}
        confirmLabel={label}
        busy={busy}
        onConfirm={() => void run()}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
