"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/chatbot/confirm-dialog";
import { BulkAction } from "@/components/ui/bulk-action";
import { secondaryButton } from "@/components/ui/button-classes";
import { useStatusCall } from "@/components/ui/use-status-call";
import { ApiError, chatsApi } from "@/lib/client/chats-api";
import type { ChatOut } from "@/lib/validation/chat";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

/** The archived chats, newest first: each one opens, unarchives, or is deleted; or all unarchive. */
export function ArchivedChats({
  initial,
  initialCursor,
}: {
  initial: ChatOut[];
  initialCursor: string | null;
}) {
  const [chats, setChats] = useState(initial);
  const [cursor, setCursor] = useState(initialCursor);
  const { status, setStatus, busy, setBusy, run } = useStatusCall();
  const [deleting, setDeleting] = useState<ChatOut | null>(null);
  const [confirmingAll, setConfirmingAll] = useState(false);

  // Runs one call; on success drops `chat` from the list and says `done`.
  function act(chat: ChatOut, call: () => Promise<unknown>, done: string) {
    return run(call, () => {
      setChats((list) => list.filter((c) => c.id !== chat.id));
      return done;
    });
  }

  // Every archived chat, those not loaded here too.
  function unarchiveAll() {
    setConfirmingAll(false);
    return run(chatsApi.unarchiveAll, () => {
      setChats([]);
      setCursor(null);
      return "Every archived chat is back in your chat list.";
    });
  }

  async function loadMore() {
    setBusy(true);
    try {
      const page = await chatsApi.listArchived(cursor);
      setChats((list) => [
        ...list,
        ...page.results.filter((c) => !list.some((o) => o.id === c.id)),
      ]);
      setCursor(page.next_cursor);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setStatus(error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-label="Your archived chats" className="mt-6">
      <p role="status" className="min-h-5 text-sm text-zinc-600 dark:text-zinc-400">
        {status}
      </p>
      {chats.length === 0 ? (
        <p className="mt-4">You have no archived chats.</p>
      ) : (
        <>
          <BulkAction label="Unarchive all" busy={busy} onClick={() => setConfirmingAll(true)} />
          <ul
            className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-800"
            aria-label="Archived chats"
          >
            {chats.map((chat) => (
              <li key={chat.id} className="flex flex-wrap items-center gap-3 py-3">
                <div className="min-w-0 flex-1">
                  <a href={`/chatbot/c/${chat.id}`} className="font-medium hover:underline">
                    {chat.title}
                  </a>
                  <p className="text-xs text-zinc-600 dark:text-zinc-400">
                    Last active {dateFormat.format(new Date(chat.updated_at))} ·{" "}
                    {chat.message_count} {chat.message_count === 1 ? "message" : "messages"}
                    {chat.is_shared ? " · Shared" : ""}
                  </p>
                </div>
                <button
                  type="button"
                  className={secondaryButton}
                  disabled={busy}
                  aria-label={`Unarchive ${chat.title}`}
                  onClick={() =>
                    void act(
                      chat,
                      () => chatsApi.update(chat.id, { is_archived: false }),
                      `"${chat.title}" is back in your chat list.`,
                    )
                  }
                >
                  Unarchive
                </button>
                <button
                  type="button"
                  className={secondaryButton}
                  disabled={busy}
                  aria-label={`Delete ${chat.title}`}
                  onClick={() => setDeleting(chat)}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {cursor ? (
        <button
          type="button"
          className={`${secondaryButton} mt-4`}
          disabled={busy}
          onClick={() => void loadMore()}
        >
          Load more
        </button>
      ) : null}
      <ConfirmDialog
        open={confirmingAll}
        title="Unarchive all chats?"
        body="Every archived chat goes back to your chat list."
        confirmLabel="Unarchive all"
        onClose={() => setConfirmingAll(false)}
        onConfirm={() => void unarchiveAll()}
      />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this chat?"
        body={`“${deleting?.title ?? ""}” and all its messages will be deleted, and its share link will stop working.`}
        confirmLabel="Delete"
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          const chat = deleting;
          setDeleting(null);
          if (chat) void act(chat, () => chatsApi.remove(chat.id), `"${chat.title}" was deleted.`);
        }}
      />
    </section>
  );
}
