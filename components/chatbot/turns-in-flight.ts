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
 * The chat once the turn running in this tab is over. The server stores the reply just
 * after its stream ends, so a last message of the user's is given a few moments.
 */
export async function chatAfterTurn(chatId: string, turn: Promise<void>): Promise<ChatDetailOut> {
  await turn;
  for (let attempt = 1; ; attempt++) {
    const chat = await chatsApi.get(chatId);
    if (chat.messages.at(-1)?.message_type !== "user" || attempt === 4) return chat;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
