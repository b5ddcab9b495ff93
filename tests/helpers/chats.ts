import { createChatWithMessages, listChatsByOwner, type Owner } from "@/db/queries/chats";

export async function newChat(owner: Owner, title?: string) {
  return (await createChatWithMessages({ owner, title })).chat;
}

/** The ids of an owner's chats, sorted, to compare as sets. */
export async function chatIdsOf(owner: Owner): Promise<string[]> {
  return (await listChatsByOwner({ owner, limit: 100, archived: "all" })).chats
    .map((c) => c.id)
    .sort();
}
