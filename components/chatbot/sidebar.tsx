"use client";

import {
  Archive,
  Download,
  Keyboard,
  Link2,
  Loader2,
  PanelLeftClose,
  Search,
  SquarePen,
  X,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { exportUrls } from "@/lib/client/chats-api";
import { ChatRow } from "./chat-row";
import { useChats } from "./chats-provider";
import { groupByDay } from "./day-groups";
import { useNewChatHandoff } from "./new-chat-handoff";
import { SearchDialog } from "./search-dialog";
import {
  NEW_CHAT_KEYS,
  SEARCH_KEYS,
  SHORTCUTS_KEYS,
  TOGGLE_SIDEBAR_KEYS,
  useNewChatKeyLabel,
  useNewChatShortcut,
  useSearchKeyLabel,
  useSearchShortcut,
  useShortcutsShortcut,
  useToggleSidebarShortcut,
} from "./shortcuts";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { isWideScreen, useSidebarVisibility } from "./sidebar-visibility";

/** The chat list: a column on wide screens, a drawer on phones. */
export function Sidebar({ serverNow }: { serverNow: number }) {
  const { chats, nextCursor, loadingMore, loadMore, drawerOpen, setDrawerOpen } = useChats();
  const pathname = usePathname();
  const { startNewChat } = useNewChatHandoff();
  const activeId = pathname.startsWith("/chatbot/c/") ? pathname.slice("/chatbot/c/".length) : null;
  const [local, setLocal] = useState<{ now: number } | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const newChatKeys = useNewChatKeyLabel();

  // The button and its shortcut alike: the composer takes the focus (new-chat-handoff.tsx).
  function newChat() {
    setDrawerOpen(false);
    startNewChat();
  }
  useNewChatShortcut(newChat);
  const [searching, setSearching] = useState(false);
  const searchKeys = useSearchKeyLabel();
  useSearchShortcut(() => setSearching(true));
  const [listingShortcuts, setListingShortcuts] = useState(false);
  useShortcutsShortcut(() => setListingShortcuts(true));
  const { hidden, setHidden } = useSidebarVisibility();
  useToggleSidebarShortcut(() => {
    if (isWideScreen()) setHidden(!hidden);
    else setDrawerOpen(!drawerOpen);
  });

  useEffect(() => setLocal({ now: Date.now() }), []);

  // Infinite scroll: the next page loads when the end of the list comes into view.
  useEffect(() => {
    const target = sentinel.current;
    if (!target || !nextCursor) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void loadMore();
      },
      { rootMargin: "200px" },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [nextCursor, loadMore]);

  useEffect(() => {
    if (!drawerOpen) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setDrawerOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [drawerOpen, setDrawerOpen]);

  // Archived chats stay in the client's copy (an Undo brings them back) but not in sight.
  const shown = chats.filter((chat) => !chat.is_archived);
  const pinned = shown.filter((chat) => chat.is_pinned);
  const groups = [
    ...(pinned.length > 0 ? [{ label: "Pinned", chats: pinned }] : []),
    ...groupByDay(
      shown.filter((chat) => !chat.is_pinned),
      local?.now ?? serverNow,
      local !== null,
    ),
  ];

  return (
    <>
      {drawerOpen ? (
        <button
          type="button"
          aria-label="Close chats"
          tabIndex={-1}
          className="fixed inset-0 z-30 bg-black/40 md:hidden"
          onClick={() => setDrawerOpen(false)}
        />
      ) : null}
      <nav
        id="chat-sidebar"
        aria-label="Chats"
        className={`fixed inset-y-0 left-0 z-40 flex w-72 flex-col border-r border-zinc-200 bg-zinc-50 transition-transform dark:border-zinc-800 dark:bg-zinc-900 md:static md:z-auto md:translate-x-0 ${
          drawerOpen ? "translate-x-0" : "max-md:invisible -translate-x-full"
        } ${hidden ? "md:hidden" : ""}`}
      >
        <div className="flex items-center justify-between gap-2 px-3 pt-3 pb-2">
          <Link href="/" className="px-1 font-semibold tracking-tight">
            SkillMate Chats
          </Link>
          <button
            type="button"
            aria-label="Close chats"
            onClick={() => setDrawerOpen(false)}
            className="inline-flex size-8 items-center justify-center rounded-md hover:bg-zinc-200 md:hidden dark:hover:bg-zinc-800"
          >
            <X aria-hidden size={18} />
          </button>
          <button
            type="button"
            aria-label="Close sidebar"
            aria-keyshortcuts={TOGGLE_SIDEBAR_KEYS}
            title="Close sidebar (Ctrl+Shift+S)"
            onClick={() => setHidden(true)}
            className="hidden size-8 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-200 hover:text-zinc-900 md:inline-flex dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            <PanelLeftClose aria-hidden size={18} />
          </button>
        </div>
        <div className="px-3 pb-2">
          <button
            type="button"
            onClick={newChat}
            aria-keyshortcuts={NEW_CHAT_KEYS}
            title={`New chat (${newChatKeys})`}
            className="flex w-full items-center gap-2 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:bg-zinc-950 dark:hover:bg-zinc-800"
          >
            <SquarePen aria-hidden size={16} />
            New chat
          </button>
          <button
            type="button"
            onClick={() => setSearching(true)}
            aria-keyshortcuts={SEARCH_KEYS}
            className="mt-1 flex w-full items-center gap-2 rounded-lg px-3 py-2 text-sm hover:bg-zinc-200/60 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-800"
          >
            <Search aria-hidden size={16} />
            Search chats
            <kbd className="ml-auto font-sans text-xs text-zinc-600 dark:text-zinc-400">
              {searchKeys}
            </kbd>
          </button>
          <SearchDialog
            open={searching}
            onClose={() => setSearching(false)}
            onOpened={() => setDrawerOpen(false)}
          />
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-4">
          {groups.length === 0 ? (
            <p className="px-3 py-6 text-sm text-zinc-600 dark:text-zinc-400">
              No chats yet. Your conversations will appear here.
            </p>
          ) : (
            groups.map((group) => (
              <section key={group.label} aria-label={group.label} className="mt-3">
                <h2 className="px-3 pb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
                  {group.label}
                </h2>
                <ul className="flex flex-col gap-0.5">
                  {group.chats.map((chat) => (
                    <ChatRow key={chat.id} chat={chat} active={chat.id === activeId} />
                  ))}
                </ul>
              </section>
            ))
          )}
          {nextCursor ? (
            <div ref={sentinel} className="flex justify-center py-3">
              {loadingMore ? (
                <Loader2 aria-label="Loading more chats" className="animate-spin" size={18} />
              ) : (
                <button
                  type="button"
                  onClick={() => void loadMore()}
                  className="text-sm text-zinc-600 underline dark:text-zinc-400"
                >
                  Load more chats
                </button>
              )}
            </div>
          ) : null}
        </div>
        <div className="border-t border-zinc-200 p-2 dark:border-zinc-800">
          <Link
            href="/chatbot/shared-links"
            className="flex items-center gap-2 rounded-lg px-3 py-2 text-sm hover:bg-zinc-200/60 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-800"
          >
            <Link2 aria-hidden size={16} />
            Shared links
          </Link>
          <Link
            href="/chatbot/archived"
            className="flex items-center gap-2 rounded-lg px-3 py-2 text-sm hover:bg-zinc-200/60 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-800"
          >
            <Archive aria-hidden size={16} />
            Archived chats
          </Link>
          {/* A plain link: the API answers a file to save, not a page to show. */}
          <a
            href={exportUrls.account}
            download
            className="flex items-center gap-2 rounded-lg px-3 py-2 text-sm hover:bg-zinc-200/60 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-800"
          >
            <Download aria-hidden size={16} />
            Export all chats
          </a>
          <button
            type="button"
            onClick={() => setListingShortcuts(true)}
            aria-keyshortcuts={SHORTCUTS_KEYS}
            className="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-sm hover:bg-zinc-200/60 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-800"
          >
            <Keyboard aria-hidden size={16} />
            Keyboard shortcuts
          </button>
          <ShortcutsDialog open={listingShortcuts} onClose={() => setListingShortcuts(false)} />
        </div>
      </nav>
    </>
  );
}
