"use client";

import { Loader2, Pencil, Share2, Trash2 } from "lucide-react";
import Link, { useLinkStatus } from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ChatOut } from "@/lib/validation/chat";
import { ChatMenu, chatMenuItems } from "./chat-menu";
import { useChats } from "./chats-provider";
import { ConfirmDialog } from "./confirm-dialog";
import { DELETE_CHAT_KEYS, useDeleteChatShortcut } from "./shortcuts";

const iconBase =
  "inline-flex size-8 shrink-0 items-center justify-center rounded-md hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-700";
const iconButton = `${iconBase} text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white`;

export function ChatRow({ chat, active }: { chat: ChatOut; active: boolean }) {
  const { rename, setShared, setPinned, setArchived, remove, setDrawerOpen, openShareOptions } =
    useChats();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useDeleteChatShortcut(active, () => setConfirming(true));

  function save(form: HTMLFormElement) {
    const title = String(new FormData(form).get("title") ?? "").trim();
    setEditing(false);
    if (title) void rename(chat.id, title);
  }

  return (
    <li
      className={`group relative flex items-center gap-0.5 rounded-lg pr-1 ${
        active ? "bg-zinc-200 dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-800/60"
      }`}
    >
      {editing ? (
        <form
          className="min-w-0 flex-1 p-1"
          onSubmit={(event) => {
            event.preventDefault();
            save(event.currentTarget);
          }}
        >
          <input
            name="title"
            aria-label="Chat title"
            defaultValue={chat.title}
            maxLength={200}
            // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to rename
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            onBlur={(event) => event.currentTarget.form && save(event.currentTarget.form)}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.preventDefault();
                setEditing(false);
              }
            }}
            className="w-full rounded-md border border-zinc-400 bg-white px-2 py-1 text-sm outline-none focus:ring-2 focus:ring-sky-600 dark:border-zinc-600 dark:bg-zinc-900"
          />
        </form>
      ) : (
        <Link
          href={`/chatbot/c/${chat.id}`}
          aria-current={active ? "page" : undefined}
          onClick={() => setDrawerOpen(false)}
          className="min-w-0 flex-1 truncate rounded-lg px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-sky-600"
          title={chat.title}
        >
          {chat.title}
          <PendingMark />
        </Link>
      )}
      {editing ? null : (
        <div className="flex shrink-0 items-center">
          {/* From md up these appear over the title's end on hover or focus, instead of
              keeping room the title could use; right-9 leaves the share button (size-8)
              and the row's pr-1 uncovered. */}
          <div
            className={`flex items-center md:absolute md:inset-y-0 md:right-9 md:pl-1 md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100 ${
              active
                ? "md:bg-zinc-200 md:dark:bg-zinc-800"
                : // The row's translucent dark hover, made opaque over the sidebar's colour.
                  "md:bg-zinc-100 md:dark:bg-zinc-900 md:dark:bg-linear-to-r md:dark:from-zinc-800/60 md:dark:to-zinc-800/60"
            }`}
          >
            <button
              type="button"
              aria-label="Rename chat"
              title="Rename chat"
              onClick={() => setEditing(true)}
              className={`${iconButton} max-md:hidden`}
            >
              <Pencil aria-hidden size={16} />
            </button>
            <button
              type="button"
              aria-label="Delete chat"
              aria-keyshortcuts={active ? DELETE_CHAT_KEYS : undefined}
              title="Delete chat"
              onClick={() => setConfirming(true)}
              className={`${iconButton} max-md:hidden`}
            >
              <Trash2 aria-hidden size={16} />
            </button>
            <ChatMenu
              buttonClass={iconButton}
              items={[
                ...chatMenuItems(chat, {
                  openShareOptions: () => openShareOptions(chat.id),
                  setPinned: (pinned) => void setPinned(chat.id, pinned),
                  setArchived: async (archived) => {
                    // The open chat leaves the list: the page goes to a new chat, as on delete.
                    if ((await setArchived(chat.id, archived)) && archived && active) {
                      router.push("/chatbot");
                    }
                  },
                }),
                // Also buttons of the row from md up; on a phone only here, so that the
                // row keeps its width for the title.
                {
                  label: "Rename",
                  icon: <Pencil aria-hidden size={16} />,
                  onSelect: () => setEditing(true),
                },
                {
                  label: "Delete",
                  icon: <Trash2 aria-hidden size={16} />,
                  onSelect: () => setConfirming(true),
                },
              ]}
            />
          </div>
          <button
            type="button"
            aria-label={chat.is_shared ? "Stop sharing" : "Share chat"}
            title={
              chat.is_shared ? "Shared: click to stop sharing" : "Share chat and copy its link"
            }
            onClick={() => void setShared(chat.id, !chat.is_shared)}
            className={`${iconBase} ${
              chat.is_shared
                ? "text-sky-700 dark:text-sky-400"
                : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100"
            }`}
          >
            <Share2 aria-hidden size={16} strokeWidth={chat.is_shared ? 2.5 : 2} />
          </button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Delete this chat?"
        body={`“${chat.title}” and all its messages will be deleted, and its share link will stop working.`}
        confirmLabel="Delete"
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          setConfirming(false);
          const deleted = await remove(chat.id);
          if (deleted && active) router.push("/chatbot");
        }}
      />
    </li>
  );
}

/** A spinner while the row's chat loads (the old one stays up until the new one is ready). */
function PendingMark() {
  const { pending } = useLinkStatus();
  return pending ? (
    <Loader2 aria-hidden size={14} className="ml-1.5 inline animate-spin align-[-2px]" />
  ) : null;
}
