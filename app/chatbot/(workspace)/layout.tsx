import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { AccountMenu } from "@/components/auth/account-menu";
import { merge } from "@/components/chatbot/chat-list";
import { ChatShell } from "@/components/chatbot/chat-shell";
import { SIDEBAR_COOKIE } from "@/components/chatbot/sidebar-cookie";
import { listChatsByOwner } from "@/db/queries/chats";
import type { Chat } from "@/db/schema";
import { assistantMode } from "@/lib/assistant/provider";
import { encodeCursor } from "@/lib/chats/cursor";
import { toChatOut } from "@/lib/chats/serialize";
import { ownerOf } from "@/lib/identity/caller";
import { currentCaller } from "@/lib/identity/current-caller";
import { pageBaseUrl } from "@/lib/public-url";

export const metadata: Metadata = {
  title: "Chat",
  // Private conversations: nothing under /chatbot (but the share pages) is for indexing.
  robots: { index: false },
};

// The caller's chats are the first thing to show, and they depend on their cookies: the
// shell renders per request, with the sidebar and the open chat in the HTML.
export const instant = false;

const FIRST_PAGE = 30;
const PINNED_SHOWN = 100;

export default async function ChatbotLayout({ children }: { children: ReactNode }) {
  const caller = await currentCaller();
  const owner = ownerOf(caller);
  const none = { chats: [], hasMore: false };
  const [page, pinned, baseUrl, cookieJar] = await Promise.all([
    owner ? listChatsByOwner({ owner, limit: FIRST_PAGE }) : none,
    // Pinned chats head the sidebar however long ago they were last used.
    owner ? listChatsByOwner({ owner, limit: PINNED_SHOWN, pinned: true }) : none,
    pageBaseUrl(),
    cookies(),
  ]);
  const last = page.chats.at(-1);
  const toOut = (chat: Chat) => toChatOut(chat, baseUrl);
  return (
    <ChatShell
      initialChats={merge(page.chats.map(toOut), pinned.chats.map(toOut))}
      initialCursor={page.hasMore && last ? encodeCursor(last) : null}
      serverNow={Date.now()}
      account={<AccountMenu caller={caller} />}
      offline={assistantMode() === "offline"}
      canPublish={caller.kind === "user"}
      sidebarHidden={cookieJar.get(SIDEBAR_COOKIE)?.value === "hidden"}
    >
      {children}
      {/* Here, not in the root layout: the public share pages ship no toast code. */}
      <Toaster position="top-center" theme="system" richColors closeButton />
    </ChatShell>
  );
}
