import type { ChatOut } from "@/lib/validation/chat";

// The sidebar's list is kept in the order the server pages it in, so that a page merged
// in later, or a chat put back after a failed delete, lands where the server would put it.

const newestFirst = (a: ChatOut, b: ChatOut) =>
  b.updated_at.localeCompare(a.updated_at) || b.id.localeCompare(a.id);

/** The list with `more` added; where an id is in both, the copy in `more` wins. */
export function merge(list: ChatOut[], more: ChatOut[]): ChatOut[] {
  const byId = new Map(list.map((c) => [c.id, c]));
  for (const chat of more) byId.set(chat.id, chat);
  return [...byId.values()].sort(newestFirst);
}

export function patchChat(list: ChatOut[], id: string, change: Partial<ChatOut>): ChatOut[] {
  return list.map((c) => (c.id === id ? { ...c, ...change } : c));
}
