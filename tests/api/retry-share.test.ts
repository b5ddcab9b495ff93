import { createRequire } from "node:module";
import { expect, test } from "vitest";
import { createChatWithMessages } from "@/db/queries/chats";
import { shareTag } from "@/lib/cache/public-cache";
import { ERROR_REPLY, startAssistantTurn } from "@/lib/chats/assistant-turn";
import { getOwnedChatOrThrow } from "@/lib/chats/reads";
import { setSharing } from "@/lib/chats/writes";
import { guest } from "../helpers/callers";

const require = createRequire(import.meta.url);
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external");

process.env.AI_OFFLINE_CHUNK_DELAY_MS = "0";

test("Retry on a shared chat expires its public page the moment the failed reply is gone", async () => {
  const owner = { guestId: guest().guestId };
  const { chat, messages } = await createChatWithMessages({
    owner,
    messages: [
      { messageType: "user", content: "How do I learn to sketch?" },
      { messageType: "assistant", content: ERROR_REPLY, isError: true },
    ],
  });
  const shared = await setSharing({ id: chat.id, owner, isShared: true });
  const failed = messages[1]?.id ?? "";
  const before = Date.now();
  tagsManifest.delete(shareTag(shared.shareId));

  const turn = await startAssistantTurn({
    owner,
    request: { chat_id: chat.id, assistant_id: crypto.randomUUID(), retry_of: failed },
    signal: new AbortController().signal,
    requestId: "test",
  });
  // Expired before the new reply exists: the page must not show the deleted error.
  expect(tagsManifest.get(shareTag(shared.shareId))?.expired).toBeGreaterThanOrEqual(before);
  await turn.saved;
  const after = await getOwnedChatOrThrow({ id: chat.id, owner });
  expect(after.messages.map((m) => m.isError)).toEqual([false, false]);
});

test("a turn with no new message answers only a chat still waiting for its reply", async () => {
  const owner = { guestId: guest().guestId };
  const { chat } = await createChatWithMessages({
    owner,
    messages: [{ messageType: "user", content: "What is a good first knot?" }],
  });
  const regenerate = () =>
    startAssistantTurn({
      owner,
      request: { chat_id: chat.id, assistant_id: crypto.randomUUID() },
      signal: new AbortController().signal,
      requestId: "test",
    });
  // Interrupted before its reply: the turn answers the stored question.
  await (await regenerate()).saved;
  const answered = await getOwnedChatOrThrow({ id: chat.id, owner });
  expect(answered.messages.map((m) => m.messageType)).toEqual(["user", "assistant"]);
  // Already answered (two tabs, or a Retry racing a late reply): refused, nothing stored.
  await expect(regenerate()).rejects.toMatchObject({ code: "conflict" });
  const after = await getOwnedChatOrThrow({ id: chat.id, owner });
  expect(after.messages).toHaveLength(2);
});
