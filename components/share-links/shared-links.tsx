"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/chatbot/confirm-dialog";
import { hasExpired } from "@/components/chatbot/share-options-plan";
import { secondaryButton } from "@/components/ui/button-classes";
import { ApiError, chatsApi } from "@/lib/client/chats-api";
import type { ChatOut } from "@/lib/validation/chat";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

/** A shared chat as the page lists it: the API's chat, and when it was shared. */
export type SharedLink = ChatOut & { shared_at: string };

/** Runs a call; the message to show if it was refused or got no answer, else null. */
async function refusal(call: () => Promise<unknown>): Promise<string | null> {
  try {
    await call();
    return null;
  } catch (error) {
    if (error instanceof ApiError) return error.message;
    throw error;
  }
}

/** The caller's shared chats: each link, when it was shared, and Unshare; Unshare all. */
export function SharedLinks({ initial, more }: { initial: SharedLink[]; more: boolean }) {
  const [chats, setChats] = useState(initial);
  const [status, setStatus] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function unshare(chat: SharedLink) {
    setBusy(true);
    const failed = await refusal(() => chatsApi.setShared(chat.id, false));
    setBusy(false);
    if (failed) return setStatus(failed);
    setChats((list) => list.filter((c) => c.id !== chat.id));
    setStatus(`"${chat.title}" is no longer shared.`);
  }

  async function unshareAll() {
    setConfirming(false);
    setBusy(true);
    const failed = await refusal(chatsApi.unshareAll);
    setBusy(false);
    if (failed) return setStatus(failed);
    setChats([]);
    setStatus("No chat is shared any more.");
  }

  return (
    <section aria-label="Your shared links" className="mt-6">
      <p role="status" className="min-h-5 text-sm text-zinc-600 dark:text-zinc-400">
        {status}
      </p>
      {chats.length === 0 ? (
        <p className="mt-4">You are not sharing any chat.</p>
      ) : (
        <>
          <div className="mt-2 flex justify-end">
            <button
              type="button"
              className={secondaryButton}
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              Unshare all
            </button>
          </div>
          <ul
            className="mt-4 divide-y divide-zinc-200 dark:divide-zinc-800"
            aria-label="Shared chats"
          >
            {chats.map((chat) => (
              <li key={chat.id} className="flex flex-wrap items-center gap-3 py-3">
                <div className="min-w-0 flex-1">
                  <a href={`/chatbot/c/${chat.id}`} className="font-medium hover:underline">
                    {chat.title}
                  </a>
                  <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">
                    <a
                      href={chat.share_url ?? undefined}
                      className="underline underline-offset-2"
                      target="_blank"
                      rel="noreferrer"
                    >
                      {chat.share_url}
                    </a>
                  </p>
                  <p className="text-xs text-zinc-600 dark:text-zinc-400">
                    Shared on {dateFormat.format(new Date(chat.shared_at))}
                    {chat.share_mode === "snapshot" && chat.snapshot_at
                      ? ` · Snapshot of ${dateFormat.format(new Date(chat.snapshot_at))}`
                      : " · Live"}
                    {chat.share_expires_at
                      ? hasExpired(chat)
                        ? " · Expired"
                        : ` · Expires ${dateFormat.format(new Date(chat.share_expires_at))}`
                      : ""}
                    {chat.is_discoverable ? " · Discoverable by search engines" : ""}
                  </p>
                </div>
                <button
                  type="button"
                  className={secondaryButton}
                  disabled={busy}
                  aria-label={`Unshare ${chat.title}`}
                  onClick={() => void unshare(chat)}
                >
                  Unshare
                </button>
              </li>
            ))}
          </ul>
          {more ? (
            <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
              Only the first {chats.length} are listed; Unshare all revokes every one.
            </p>
          ) : null}
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Unshare all chats?"
        body={`Every shared link stops working at once (${chats.length}${more ? "+" : ""}). You can share a chat again later.`}
        confirmLabel="Unshare all"
        onConfirm={() => void unshareAll()}
        onClose={() => setConfirming(false)}
      />
    </section>
  );
}
