"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/chatbot/confirm-dialog";
import { ShareOptionsDialog } from "@/components/chatbot/share-options-dialog";
import { hasExpired } from "@/components/chatbot/share-options-plan";
import { BulkAction } from "@/components/ui/bulk-action";
import { secondaryButton } from "@/components/ui/button-classes";
import { useStatusCall } from "@/components/ui/use-status-call";
import { chatsApi } from "@/lib/client/chats-api";
import type { ChatOut } from "@/lib/validation/chat";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

/** A shared chat as the page lists it: the API's chat, and when it was shared. */
export type SharedLink = ChatOut & { shared_at: string };

/**
 * The caller's shared chats: each link, what it shows and until when, Share options (the
 * chat's dialog, as in the sidebar) and Unshare; Unshare all.
 */
export function SharedLinks({
  initial,
  more,
  canPublish,
}: {
  initial: SharedLink[];
  more: boolean;
  /** Whether the caller may make a chat discoverable (an account, not a guest). */
  canPublish: boolean;
}) {
  // A chat unshared from its Share options stays here while its dialog is open (it may be
  // shared again from there); the list shows the shared ones.
  const [chats, setChats] = useState(initial);
  const { status, busy, run } = useStatusCall();
  const [confirming, setConfirming] = useState(false);
  const [optionsId, setOptionsId] = useState<string | null>(null);
  const shown = chats.filter((chat) => chat.is_shared);
  const optionsChat = chats.find((chat) => chat.id === optionsId);

  function changed(id: string, change: Partial<ChatOut>) {
    setChats((list) => list.map((c) => (c.id === id ? ({ ...c, ...change } as SharedLink) : c)));
  }

  function closeOptions() {
    setOptionsId(null);
    setChats((list) => list.filter((c) => c.is_shared));
  }

  function unshare(chat: SharedLink) {
    return run(
      () => chatsApi.setShared(chat.id, false),
      () => {
        setChats((list) => list.filter((c) => c.id !== chat.id));
        return `"${chat.title}" is no longer shared.`;
      },
    );
  }

  function unshareAll() {
    setConfirming(false);
    return run(chatsApi.unshareAll, () => {
      setChats([]);
      return "No chat is shared any more.";
    });
  }

  return (
    <section aria-label="Your shared links" className="mt-6">
      <p role="status" className="min-h-5 text-sm text-zinc-600 dark:text-zinc-400">
        {status}
      </p>
      {shown.length === 0 ? (
        <p className="mt-4">You are not sharing any chat.</p>
      ) : (
        <>
          <BulkAction label="Unshare all" busy={busy} onClick={() => setConfirming(true)} />
          <ul
            className="mt-4 divide-y divide-zinc-200 dark:divide-zinc-800"
            aria-label="Shared chats"
          >
            {shown.map((chat) => (
              <li key={chat.id} className="flex flex-wrap items-center gap-3 py-3">
                {/* A phone gives the link and its details the whole width, the buttons a line below. */}
                <div className="w-full min-w-0 sm:w-auto sm:flex-1">
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
                  aria-label={`Share options for ${chat.title}`}
                  onClick={() => setOptionsId(chat.id)}
                >
                  Share options…
                </button>
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
              Only the first {shown.length} are listed; Unshare all revokes every one.
            </p>
          ) : null}
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Unshare all chats?"
        body={`Every shared link stops working at once (${shown.length}${more ? "+" : ""}). You can share a chat again later.`}
        confirmLabel="Unshare all"
        onConfirm={() => void unshareAll()}
        onClose={() => setConfirming(false)}
      />
      {optionsChat ? (
        <ShareOptionsDialog
          key={optionsChat.id}
          chat={optionsChat}
          canPublish={canPublish}
          onChanged={changed}
          onClose={closeOptions}
        />
      ) : null}
    </section>
  );
}
