"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/chatbot/confirm-dialog";
import { dangerButton, secondaryButton } from "@/components/ui/button-classes";
import { chatsApi } from "@/lib/client/chats-api";
import { refusalMessage } from "@/lib/client/refusal";

// What each button of the settings' Chats section does, and how its dialog asks.
const ACTIONS = {
  archive: {
    label: "Archive all chats",
    body: "Every chat leaves the list for Archived chats, where you can open or unarchive it. Shared links keep working.",
    className: secondaryButton,
    call: chatsApi.archiveAll,
  },
  delete: {
    label: "Delete all chats",
    body: "Every chat, archived ones too, and its messages are deleted for good. Their shared links stop working at once.",
    className: dangerButton,
    call: chatsApi.deleteAll,
  },
};

/** Archives or deletes every chat of the caller, once confirmed; then an empty new chat. */
export function AllChatsAction({ kind }: { kind: keyof typeof ACTIONS }) {
  const { label, body, className, call } = ACTIONS[kind];
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function run() {
    setBusy(true);
    const failed = await refusalMessage(call);
    setBusy(false);
    setConfirming(false);
    if (failed) return setError(failed);
    // A full load: the sidebar's list, held by the chat pages, must not show them again.
    window.location.assign("/chatbot");
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
