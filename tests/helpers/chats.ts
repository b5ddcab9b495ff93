import { createChatWithMessages, listChatsByOwner, type Owner } from "@/db/queries/chats";
import { getOwnedChatOrThrow } from "@/lib/chats/reads";
import { ownerOf, type TestCaller } from "./callers";

export async function newChat(owner: Owner, title?: string) {
  return (await createChatWithMessages({ owner, title })).chat;
}

/** The ids of an owner's chats, sorted, to compare as sets. */
export async function chatIdsOf(owner: Owner): Promise<string[]> {
  return (await listChatsByOwner({ owner, limit: 100, archived: "all" })).chats
    .map((c) => c.id)
    .sort();
}

type StoredCaller = TestCaller & ({ guestId: string } | { userId: string });

/**
 * A chat as its owner reads it: title, count, updated_at, and each message as
 * [id, type, content, isError], to compare before and after a request.
 */
export async function storedChat(caller: StoredCaller, chatId: string) {
  const { chat, messages } = await getOwnedChatOrThrow({ id: chatId, owner: ownerOf(caller) });
  return {
    title: chat.title,
    messageCount: chat.messageCount,
    updatedAt: chat.updatedAt.toISOString(),
    messages: messages.map((m) => [m.id, m.messageType, m.content, m.isError] as const),
  };
}
