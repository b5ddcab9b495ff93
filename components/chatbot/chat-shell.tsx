"use client";

import type { ReactNode } from "react";
import type { ChatOut } from "@/lib/validation/chat";
import { ChatsProvider } from "./chats-provider";
import { Sidebar } from "./sidebar";
import { TopBar } from "./top-bar";

/** The chatbot's frame: the chat list beside the open conversation. */
export function ChatShell({
  initialChats,
  initialCursor,
  serverNow,
  account,
  offline,
  children,
}: {
  initialChats: ChatOut[];
  initialCursor: string | null;
  serverNow: number;
  account: ReactNode;
  offline: boolean;
  children: ReactNode;
}) {
  return (
    <ChatsProvider initialChats={initialChats} initialCursor={initialCursor}>
      <div className="flex h-dvh overflow-hidden">
        <Sidebar serverNow={serverNow} />
        <div className="flex min-w-0 flex-1 flex-col">
          <TopBar account={account} offline={offline} />
          <main className="min-h-0 flex-1">{children}</main>
        </div>
      </div>
    </ChatsProvider>
  );
}
