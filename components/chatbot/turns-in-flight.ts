import { chatsApi } from "@/lib/client/chats-api";
import type { ChatDetailOut } from "@/lib/validation/chat";

// A turn goes on when its view unmounts (the person opened another chat while the reply
// streamed, or while the message waited to be sent): the server still stores it. Should
// they come back before it ends, the chat must not look interrupted. Per tab, by design:
// another tab's turn is invisible here.

const running = new Map<string, Promise<void>>();

/** Marks a turn of `chatId` as running; call the answer when it is over. */
export function trackTurn(chatId: string): () => void {
  let end = () => {};
  const done = new Promise<void>((resolve) => {
    end = resolve;
  });
  running.set(chatId, done);
  return () => {
    if (running.get(chatId) === done) running.delete(chatId);
    end();
  };
}

export function turnInFlight(chatId: string): Promise<void> | undefined {
  return running.get(chatId);
}

/**
 * The server stores a reply just after its stream ends: what looks for it that soon is
 * given a few moments, this many tries this far apart (chatAfterTurn, use-branch-chat.ts).
 */
export const REPLY_STORED = { tries: 4, apartMs: 500 };

export const waitForReplyStored = () =>
  new Promise((resolve) => setTimeout(resolve, REPLY_STORED.apartMs));

/** The chat once the turn running in this tab is over, its reply stored. */
export async function chatAfterTurn(chatId: string, turn: Promise<void>): Promise<ChatDetailOut> {
  await turn;
  for (let attempt = 1; ; attempt++) {
    const chat = await chatsApi.get(chatId);
    if (chat.messages.at(-1)?.message_type !== "user" || attempt === REPLY_STORED.tries) {
      return chat;
    }
    await waitForReplyStored();
  }
}
