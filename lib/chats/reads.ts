import "server-only";
import {
  getOwnedChatWithMessages,
  listMessagesByChat,
  type Owner,
  ownsChat,
} from "@/db/queries/chats";
import { AppError } from "@/lib/errors";
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

/**
 * 409 when a turn with no new message would answer a chat whose last word is already a
 * reply: two tabs pressing Retry, or a Retry racing a reply stored after its connection
 * dropped, must not store two answers to one question.
 */
export async function assertAwaitingReply(chatId: string) {
  const last = (await listMessagesByChat({ chatId })).at(-1);
  if (last?.messageType === "assistant" && !last.isError) {
    throw new AppError("conflict", "This chat already has its reply. Send a new message.");
  }
}
