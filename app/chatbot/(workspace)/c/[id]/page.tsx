import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { ChatView } from "@/components/chatbot/chat-view";
import { StaticMarkdown } from "@/components/markdown/static-markdown";
import { getOwnedChatWithMessages } from "@/db/queries/chats";
import { OPEN_MAX, withLatestMessages } from "@/lib/chats/latest-messages";
import { toChatDetailOut } from "@/lib/chats/serialize";
import { ownerOf } from "@/lib/identity/caller";
import { currentCaller } from "@/lib/identity/current-caller";
import { pageBaseUrl } from "@/lib/public-url";

// Per caller (cookies), like its layout: rendered per request.
export const instant = false;

// Metadata and the page read the same chat: one query per request.
const loadChat = cache(async (id: string) => {
  const caller = await currentCaller();
  const owner = ownerOf(caller);
  // Someone else's chat looks exactly like no chat.
  const found = owner ? await getOwnedChatWithMessages({ id, owner, latest: OPEN_MAX }) : null;
  if (!found) notFound();
  return { caller, detail: toChatDetailOut(found.chat, found.messages, await pageBaseUrl()) };
});

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const { detail } = await loadChat((await params).id);
  return { title: detail.title };
}

export default async function ChatPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { caller, detail } = await loadChat(id);
  const { chat, earlier } = withLatestMessages(detail);
  // Rendered here, so that the browser neither parses them again nor loads the renderer
  // to open the chat; code comes coloured, as on shared pages.
  const bodies: Record<string, ReactNode> = {};
  for (const m of chat.messages)
    if (m.message_type === "assistant" && !m.is_error && m.content)
      bodies[m.id] = <StaticMarkdown>{m.content}</StaticMarkdown>;
  return (
    <ChatView
      key={id}
      initialChat={chat}
      earlier={earlier}
      bodies={bodies}
      isGuest={caller.kind !== "user"}
    />
  );
}
