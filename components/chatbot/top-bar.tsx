"use client";

import { Archive, Globe, Link2, Menu, Share2, WifiOff } from "lucide-react";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { ChatMenu, chatMenuItems, exportMenuItems } from "./chat-menu";
import { useChats } from "./chats-provider";
import { isWideScreen, useSidebarVisibility } from "./sidebar-visibility";

export function TopBar({
  account,
  offline,
  canPublish,
}: {
  account: ReactNode;
  offline: boolean;
  canPublish: boolean;
}) {
  const {
    chats,
    copyLink,
    setDiscoverable,
    setPinned,
    setArchived,
    setDrawerOpen,
    drawerOpen,
    openShareOptions,
  } = useChats();
  const { hidden: sidebarHidden, setHidden } = useSidebarVisibility();
  const pathname = usePathname();
  const activeId = pathname.startsWith("/chatbot/c/") ? pathname.slice("/chatbot/c/".length) : null;
  const chat = activeId ? chats.find((c) => c.id === activeId) : undefined;

  return (
    <header className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
      {/* The drawer's on phones; on wide screens, there only while the list is put away. */}
      <button
        type="button"
        aria-label="Open chats"
        aria-controls="chat-sidebar"
        aria-expanded={drawerOpen}
        onClick={() => (isWideScreen() ? setHidden(false) : setDrawerOpen(true))}
        className={`inline-flex size-9 shrink-0 items-center justify-center rounded-md hover:bg-zinc-100 dark:hover:bg-zinc-800 ${
          sidebarHidden ? "" : "md:hidden"
        }`}
      >
        <Menu aria-hidden size={20} />
      </button>
      <h1 className="min-w-0 flex-1 truncate font-semibold sm:flex-initial" title={chat?.title}>
        {chat?.title ?? "New chat"}
      </h1>
      {/* On a phone the badges get a line of their own, so the title keeps its width. */}
      <div className="flex items-center gap-1.5 empty:hidden max-sm:order-last max-sm:basis-full max-sm:pl-11">
        {chat?.is_shared ? (
          <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-sky-100 px-2 py-0.5 text-xs font-medium text-sky-900 dark:bg-sky-950 dark:text-sky-200">
            <Share2 aria-hidden size={12} />
            Shared
          </span>
        ) : null}
        {chat?.is_archived ? (
          <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-zinc-200 px-2 py-0.5 text-xs font-medium text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
            <Archive aria-hidden size={12} />
            Archived
          </span>
        ) : null}
        {offline ? (
          <span
            className="inline-flex shrink-0 items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200"
            title="No AI provider is configured: SkillMate answers from its built-in offline guide."
          >
            <WifiOff aria-hidden size={12} />
            Offline mode
          </span>
        ) : null}
      </div>
      <div className="flex-1 max-sm:hidden" />
      {chat?.is_shared && canPublish ? (
        <label
          className="inline-flex shrink-0 cursor-pointer items-center gap-1.5 rounded-lg px-2 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
          title="Let search engines index the shared page and list it in the sitemap"
        >
          <input
            type="checkbox"
            checked={chat.is_discoverable}
            onChange={(event) => void setDiscoverable(chat.id, event.target.checked)}
            className="size-4 accent-zinc-900 dark:accent-zinc-100"
          />
          <Globe aria-hidden size={16} />
          <span className="max-sm:sr-only">Discoverable</span>
        </label>
      ) : null}
      {chat?.is_shared && chat.share_url ? (
        <button
          type="button"
          onClick={() => chat.share_url && void copyLink(chat.share_url)}
          className="inline-flex shrink-0 items-center gap-1.5 rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          <Link2 aria-hidden size={16} />
          <span className="max-sm:sr-only">Copy link</span>
        </button>
      ) : null}
      {chat ? (
        <ChatMenu
          buttonClass="inline-flex size-9 shrink-0 items-center justify-center rounded-md hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-800"
          items={[
            ...chatMenuItems(chat, {
              openShareOptions: () => openShareOptions(chat.id),
              setPinned: (pinned) => void setPinned(chat.id, pinned),
              setArchived: (archived) => void setArchived(chat.id, archived),
            }),
            ...exportMenuItems(chat.id),
          ]}
        />
      ) : null}
      <div className="shrink-0 [&_a]:px-3 [&_a]:py-1.5 [&_button]:px-3 [&_button]:py-1.5 max-sm:[&_[data-testid=account-name]]:hidden">
        {account}
      </div>
    </header>
  );
}
