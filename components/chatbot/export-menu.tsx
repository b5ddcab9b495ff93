"use client";

import { Download } from "lucide-react";
import { useEffect, useRef } from "react";
import { exportUrls } from "@/lib/client/chats-api";

const item =
  "block px-3 py-2 text-sm whitespace-nowrap hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:outline-none dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800";

/** The open chat's downloads: a disclosure (details/summary) holding two plain links. */
export function ExportMenu({ chatId }: { chatId: string }) {
  const menu = useRef<HTMLDetailsElement>(null);

  // Closes like a menu: on a click outside it, on Escape (back to its button), on a choice.
  useEffect(() => {
    const details = menu.current;
    if (!details) return;
    const onPointer = (event: PointerEvent) => {
      if (details.open && !details.contains(event.target as Node)) details.open = false;
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !details.open) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    details.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      details.removeEventListener("keydown", onKey);
    };
  }, []);

  const close = () => {
    if (menu.current) menu.current.open = false;
  };

  return (
    <details ref={menu} className="relative shrink-0">
      <summary
        title="Download this chat"
        className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:hover:bg-zinc-800 [&::-webkit-details-marker]:hidden"
      >
        <Download aria-hidden size={16} />
        <span className="max-sm:sr-only">Export</span>
      </summary>
      <ul className="absolute right-0 z-20 mt-1 overflow-hidden rounded-lg border border-zinc-200 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        <li>
          <a href={exportUrls.chat(chatId, "markdown")} download onClick={close} className={item}>
            Export as Markdown
          </a>
        </li>
        <li>
          <a href={exportUrls.chat(chatId, "json")} download onClick={close} className={item}>
            Export as JSON
          </a>
        </li>
      </ul>
    </details>
  );
}
