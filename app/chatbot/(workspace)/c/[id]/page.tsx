import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import type { BranchOrigin } from "@/components/chatbot/branch-mark";
import { ChatView } from "@/components/chatbot/chat-view";
import { StaticMarkdown } from "@/components/markdown/static-markdown";
import { getOwnedChatTitle, getOwnedChatWithMessages, type Owner } from "@/db/queries/chats";
import { OPEN_MAX, withLatestMessages } from "@/lib/chats/latest-messages";
import { toChatDetailOut } from "@/lib/chats/serialize";
import { ownerOf } from "@/lib/identity/caller";
import { currentCaller } from "@/lib/identity/current-caller";
import { pageBaseUrl } from "@/lib/public-url";
import type { ChatDetailOut } from "@/lib/validation/chat";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Per caller (cookies), like its layout: rendered per request.
export const instant = false;

// Metadata and the page read the same chat: one query per request. `whole`: every
// message, for a search result that points at one (?m=<message id>).
const loadChat = cache(async (id: string, whole: boolean) => {
  const caller = await currentCaller();
  const owner = ownerOf(caller);
  // Someone else's chat looks exactly like no chat.
  const latest = whole ? undefined : OPEN_MAX;
  const found = owner ? await getOwnedChatWithMessages({ id, owner, latest }) : null;
  if (!owner || !found) notFound();
  const detail = toChatDetailOut(found.chat, found.messages, await pageBaseUrl());
  return { caller, detail, origin: await branchOrigin(detail, owner) };
});

/** A branch's original, by title if the caller still has it. */
async function branchOrigin(detail: ChatDetailOut, owner: Owner): Promise<BranchOrigin | null> {
  const from = detail.branched_from;
  if (!from) return null;
  const title = await getOwnedChatTitle({ chatId: from.chat_id, owner });
  return { chatId: from.chat_id, title, afterMessageId: from.after_message_id };
}

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ m?: string | string[] }>;
};

/** The message a search result points at, if the link names one. */
async function focusOf(searchParams: Props["searchParams"]): Promise<string | undefined> {
  const { m } = await searchParams;
  return typeof m === "string" && UUID.test(m) ? m.toLowerCase() : undefined;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { detail } = await loadChat((await params).id, (await focusOf(searchParams)) !== undefined);
  return { title: detail.title };
}

export default async function ChatPage({ params, searchParams }: Props) {
  const { id } = await params;
  const focus = await focusOf(searchParams);
  const { caller, detail, origin } = await loadChat(id, focus !== undefined);
  // Opened at a search result: every message, so that the one it names is on the page.
  const { chat, earlier } = focus ? { chat: detail, earlier: 0 } : withLatestMessages(detail);
  // Rendered here, so that the browser neither parses them again nor loads the renderer
  // to open the chat; code comes coloured, as on shared pages.
  const bodies: Record<string, ReactNode> = {};
  for (const m of chat.messages)
    if (m.message_type === "assistant" && !m.is_error && m.content)
      bodies[m.id] = <StaticMarkdown>{m.content}</StaticMarkdown>;
  return (
    <ChatView
      key={focus ? `${id}:${focus}` : id}
      initialChat={chat}
      earlier={earlier}
      bodies={bodies}
      isGuest={caller.kind !== "user"}
      focusMessageId={focus}
      branchedFrom={origin ?? undefined}
    />
  );
}
