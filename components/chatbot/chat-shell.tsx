"use client";

import type { ReactNode } from "react";
import type { ChatOut } from "@/lib/validation/chat";
import { ChatsProvider } from "./chats-provider";
import { NewChatHandoffProvider } from "./new-chat-handoff";
import { Sidebar } from "./sidebar";
import { SidebarVisibilityProvider } from "./sidebar-visibility";
import { TopBar } from "./top-bar";

/** The chatbot's frame: the chat list beside the open conversation. */
export function ChatShell({
  initialChats,
  initialCursor,
  serverNow,
  account,
  offline,
  canPublish,
  sidebarHidden,
  children,
}: {
  initialChats: ChatOut[];
  initialCursor: string | null;
  serverNow: number;
  account: ReactNode;
  offline: boolean;
  /** Accounts may let search engines index their shared chats; guests may not. */
  canPublish: boolean;
  /** The chat list put away on wide screens, as the person left it (sidebar-visibility.tsx). */
  sidebarHidden: boolean;
  children: ReactNode;
}) {
  return (
    <ChatsProvider
      initialChats={initialChats}
      initialCursor={initialCursor}
      canPublish={canPublish}
    >
      <NewChatHandoffProvider>
        <SidebarVisibilityProvider initialHidden={sidebarHidden}>
          <div className="flex h-dvh overflow-hidden">
            <Sidebar serverNow={serverNow} />
            <div className="flex min-w-0 flex-1 flex-col">
              <TopBar account={account} offline={offline} canPublish={canPublish} />
              <main className="min-h-0 flex-1">{children}</main>
            </div>
          </div>
        </SidebarVisibilityProvider>
      </NewChatHandoffProvider>
    </ChatsProvider>
  );
}
