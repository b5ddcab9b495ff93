"use client";

import {
  Archive,
  ArchiveRestore,
  FileDown,
  MoreHorizontal,
  Pin,
  PinOff,
  Settings2,
} from "lucide-react";
import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from "react";
import { exportUrls } from "@/lib/client/chats-api";

export type ChatMenuItem = { label: string; icon: ReactNode; onSelect: () => void };

const itemClass =
  "flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:outline-none dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800";

// Where each key moves the focus in the menu, from item `at` of `count`.
const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowDown: (at, count) => (at + 1) % count,
  ArrowUp: (at, count) => (at - 1 + count) % count,
  Home: () => 0,
  End: (_, count) => count - 1,
};

/** The items every chat's menu offers, whatever opens it. */
export function chatMenuItems(
  chat: { is_pinned: boolean; is_archived: boolean },
  actions: {
    openShareOptions: () => void;
    setPinned: (pinned: boolean) => void;
    setArchived: (archived: boolean) => void;
  },
): ChatMenuItem[] {
  return [
    {
      label: "Share options…",
      icon: <Settings2 aria-hidden size={16} />,
      onSelect: actions.openShareOptions,
    },
    chat.is_pinned
      ? {
          label: "Unpin chat",
          icon: <PinOff aria-hidden size={16} />,
          onSelect: () => actions.setPinned(false),
        }
      : {
          label: "Pin chat",
          icon: <Pin aria-hidden size={16} />,
          onSelect: () => actions.setPinned(true),
        },
    chat.is_archived
      ? {
          label: "Unarchive chat",
          icon: <ArchiveRestore aria-hidden size={16} />,
          onSelect: () => actions.setArchived(false),
        }
      : {
          label: "Archive chat",
          icon: <Archive aria-hidden size={16} />,
          onSelect: () => actions.setArchived(true),
        },
  ];
}

// The route answers as an attachment: following a link to it downloads, the page stays.
function download(url: string) {
  const link = document.createElement("a");
  link.href = url;
  link.download = "";
  document.body.append(link);
  link.click();
  link.remove();
}

/** The open chat's downloads, for the top bar's menu. */
export function exportMenuItems(chatId: string): ChatMenuItem[] {
  return [
    {
      label: "Export as Markdown",
      icon: <FileDown aria-hidden size={16} />,
      onSelect: () => download(exportUrls.chat(chatId, "markdown")),
    },
    {
      label: "Export as JSON",
      icon: <FileDown aria-hidden size={16} />,
      onSelect: () => download(exportUrls.chat(chatId, "json")),
    },
  ];
}

/**
 * A "More chat actions" button and its menu. The menu is a popover: it sits in the top
 * layer, so the sidebar's scrolling cannot clip it, and the browser closes it on Escape
 * or a click elsewhere. Arrow keys move between items, as in any menu.
 */
export function ChatMenu({
  items,
  buttonClass,
  label = "More chat actions",
}: {
  items: ChatMenuItem[];
  buttonClass: string;
  label?: string;
}) {
  const menuId = useId();
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  // Below the button, its right edge aligned, kept inside the window.
  function place(button: HTMLElement) {
    const target = menu.current;
    if (!target) return;
    const rect = button.getBoundingClientRect();
    const width = 208;
    target.style.left = `${Math.max(8, Math.min(rect.right - width, window.innerWidth - width - 8))}px`;
    const below = rect.bottom + 4;
    const height = 48 * items.length + 8;
    target.style.top = `${below + height > window.innerHeight ? Math.max(8, rect.top - height - 4) : below}px`;
  }

  function focusItem(pick: (at: number, count: number) => number) {
    const buttons = [
      ...(menu.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]") ?? []),
    ];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[pick(at, buttons.length)]?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    focusItem(move);
  }

  return (
    <>
      <button
        type="button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        popoverTarget={menuId}
        onClick={(event) => place(event.currentTarget)}
        className={buttonClass}
      >
        <MoreHorizontal aria-hidden size={16} />
      </button>
      <div
        id={menuId}
        ref={menu}
        popover="auto"
        role="menu"
        aria-label={label}
        onToggle={(event) => {
          const opened = (event.nativeEvent as ToggleEvent).newState === "open";
          setOpen(opened);
          if (opened) menu.current?.querySelector<HTMLButtonElement>("[role=menuitem]")?.focus();
        }}
        onKeyDown={onKeyDown}
        className="fixed inset-auto m-0 w-52 rounded-lg border border-zinc-200 bg-white p-1 text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            className={itemClass}
            onClick={() => {
              menu.current?.hidePopover();
              item.onSelect();
            }}
          >
            {item.icon}
            {item.label}
          </button>
        ))}
      </div>
    </>
  );
}
