import "server-only";
import {
  appendMessages,
  deleteErrorMessage,
  type NewMessage,
  type Owner,
} from "@/db/queries/chats";
import { expireSharedChat } from "@/lib/cache/public-cache";

/** appendMessages, and a shared chat's public page refreshed when anything was added. */
export async function saveMessages(args: { chatId: string; owner: Owner; messages: NewMessage[] }) {
  const saved = await appendMessages(args);
  if (saved.chat.isShared && saved.inserted.length > 0) await expireSharedChat(saved.chat.shareId);
  return saved;
}

/** Removes a failed reply before its Retry; a shared chat's public page loses it at once. */
export async function deleteFailedReply(args: { chatId: string; owner: Owner; id: string }) {
  const chat = await deleteErrorMessage(args);
  if (chat?.isShared) await expireSharedChat(chat.shareId);
}
