"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/chatbot/confirm-dialog";
import { dangerButton } from "@/components/ui/button-classes";
import { chatsApi } from "@/lib/client/chats-api";
import { refusalMessage } from "@/lib/client/refusal";

/** Deletes every chat of the caller, archived ones too; then an empty new chat. */
export function DeleteAllChats() {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function deleteAll() {
    setBusy(true);
    const failed = await refusalMessage(chatsApi.deleteAll);
    setBusy(false);
    setConfirming(false);
    if (failed) return setError(failed);
    // A full load: the sidebar's list, held by the chat pages, must not show them again.
    window.location.assign("/chatbot");
  }

  return (
    <div>
      <button type="button" className={dangerButton} onClick={() => setConfirming(true)}>
        Delete all chats
      </button>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Delete all chats?"
        body="Every chat, archived ones too, and its messages are deleted for good. Their shared links stop working at once."
        confirmLabel="Delete all chats"
        busy={busy}
        onConfirm={() => void deleteAll()}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
