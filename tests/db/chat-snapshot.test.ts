import { expect, test } from "vitest";
import {
  appendMessages,
  getOwnedChatWithMessages,
  getSharedChatByShareId,
  toggleSharing,
} from "@/db/queries/chats";
import { signedInUser } from "../helpers/callers";
import { newChat } from "../helpers/chats";

// A chat is read as its row and then its messages. On PostgreSQL, with messages saved
// between the two statements, the count and the messages disagreed (a fault test caught
// `message_count 1` beside two messages). Both reads must come from one snapshot.
test("message_count always matches the messages read with it, while replies are saved", async () => {
  const user = await signedInUser("snapshot");
  const owner = { userId: user.userId };
  const chat = await newChat(owner);
  const shared = await toggleSharing({ id: chat.id, owner });
  const shareId = shared?.shareId ?? "";

  let writing = true;
  const writer = (async () => {
    for (let i = 0; i < 150; i++) {
      await appendMessages({
        chatId: chat.id,
        owner,
        messages: [{ messageType: i % 2 ? "assistant" : "user", content: `m${i}` }],
      });
    }
    writing = false;
  })();

  const mismatches: string[] = [];
  let reads = 0;
  const reader = async (
    read: () => Promise<{ chat: { messageCount: number }; messages: unknown[] } | null>,
  ) => {
    while (writing) {
      const found = await read();
      reads++;
      if (found && found.chat.messageCount !== found.messages.length) {
        mismatches.push(`${found.chat.messageCount} vs ${found.messages.length}`);
      }
    }
  };
  await Promise.all([
    writer,
    reader(() => getOwnedChatWithMessages({ id: chat.id, owner })),
    reader(() => getSharedChatByShareId({ shareId })),
  ]);

  expect(reads).toBeGreaterThan(0);
  expect(mismatches).toEqual([]);
  const last = await getOwnedChatWithMessages({ id: chat.id, owner });
  expect(last?.messages).toHaveLength(150);
}, 60_000);

test("a chat page reads only the latest messages, in order, with the count of them all", async () => {
  const user = await signedInUser("latest");
  const owner = { userId: user.userId };
  const chat = await newChat(owner);
  await appendMessages({
    chatId: chat.id,
    owner,
    messages: Array.from({ length: 30 }, (_, i) => ({
      messageType: i % 2 ? ("assistant" as const) : ("user" as const),
      content: `m${i}`,
    })),
  });
  const found = await getOwnedChatWithMessages({ id: chat.id, owner, latest: 8 });
  expect(found?.chat.messageCount).toBe(30);
  expect(found?.messages.map((m) => m.content)).toEqual(
    Array.from({ length: 8 }, (_, i) => `m${22 + i}`),
  );
  const all = await getOwnedChatWithMessages({ id: chat.id, owner, latest: 100 });
  expect(all?.messages).toHaveLength(30);
});
