import type { ChatDetailOut } from "@/lib/validation/chat";

/** How many of its latest messages a chat page opens with. */
export const OPEN_WITH = 40;

/**
 * A chat page sends the browser only its latest OPEN_WITH messages: a 500-message chat
 * then renders, travels and hydrates like a 40-message one. The earlier ones are fetched
 * (GET /api/chats/<id>/) when the reader scrolls up to them.
 */
export function withLatestMessages(chat: ChatDetailOut): { chat: ChatDetailOut; earlier: number } {
  const earlier = Math.max(0, chat.messages.length - OPEN_WITH);
  return { chat: { ...chat, messages: chat.messages.slice(earlier) }, earlier };
}
