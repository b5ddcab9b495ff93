import "server-only";
import { getOwnedChatWithMessages, type Owner, ownsChat } from "@/db/queries/chats";
import { chatNotFound } from "./errors";

/** The owner's chat with its messages; not_found for anyone else. */
export async function getOwnedChatOrThrow(args: { id: string; owner: Owner }) {
  const found = await getOwnedChatWithMessages(args);
  if (!found) throw chatNotFound();
  return found;
}

/** not_found unless the owner has this chat: checked before anything is spent on it. */
export async function assertOwnsChat(args: { chatId: string; owner: Owner }) {
  if (!(await ownsChat(args))) throw chatNotFound();
}
