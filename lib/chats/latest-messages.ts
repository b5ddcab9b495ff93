import type { ChatDetailOut } from "@/lib/validation/chat";

/**
 * What a chat page opens with: its latest messages, up to OPEN_TEXT characters of them
 * (never fewer than OPEN_MIN messages, never more than OPEN_MAX). Rendering markdown (and
 * typesetting its math) costs by the amount of text, on the server and again when the
 * browser hydrates, so a budget in text keeps the time to open flat however long the chat
 * and however long its messages; a dozen long answers still fill several screens.
 */
export const OPEN_TEXT = 4_000;
export const OPEN_MIN = 4;
export const OPEN_MAX = 40;

/**
 * A chat page sends the browser only its latest messages (see OPEN_TEXT): a 500-message
 * chat then is read, renders, travels and hydrates like a short one. `chat` holds at least
 * its last OPEN_MAX messages (the page reads no more); `earlier` counts the messages
 * before those kept, from the chat's message_count. The earlier ones are fetched
 * (GET /api/chats/<id>/) when the reader scrolls up to them.
 */
export function withLatestMessages(chat: ChatDetailOut): { chat: ChatDetailOut; earlier: number } {
  const { messages } = chat;
  const unread = Math.max(0, chat.message_count - messages.length);
  let start = messages.length;
  let text = 0;
  while (start > 0 && messages.length - start < OPEN_MAX) {
    const size = messages[start - 1]?.content.length ?? 0;
    if (messages.length - start >= OPEN_MIN && text + size > OPEN_TEXT) break;
    text += size;
    start--;
  }
  return { chat: { ...chat, messages: messages.slice(start) }, earlier: unread + start };
}
