import { afterAll, expect, test, vi } from "vitest";
import { createChatWithMessages } from "@/db/queries/chats";
import { ERROR_REPLY, startAssistantTurn } from "@/lib/chats/assistant-turn";
import { getOwnedChatOrThrow } from "@/lib/chats/reads";
import { startHangingServer } from "../../scripts/faults/hanging-server";
import { guest } from "../helpers/callers";
import { startFakeOpenAIServer } from "../helpers/fake-openai-server";

// Issue 10, item 6: a provider that accepts the connection and never answers ends, after
// AI_TIMEOUT_MS, in a stored error reply (is_error) after the user's message, which a
// Retry replaces. The unit test (tests/unit/assistant-openai-compatible.test.ts) covers
// the timeout of the stream itself; this one covers what the chat holds afterwards.

const TIMEOUT_MS = 800;

// The provider is configured from the environment, read once on first use: set it
// before anything reads it (the setup file opens the database in its beforeAll, later).
const hanging = await startHangingServer();
const provider = await startFakeOpenAIServer({
  kind: "stream",
  chunks: ["Start", " with", " scales."],
});
vi.stubEnv("AI_BASE_URL", hanging.baseURL);
vi.stubEnv("AI_MODEL", "fake-tutor");
vi.stubEnv("AI_API_KEY", "test-key");
vi.stubEnv("AI_TIMEOUT_MS", String(TIMEOUT_MS));

afterAll(async () => {
  await hanging.close();
  await provider.close();
  vi.unstubAllEnvs();
});

function turn(
  owner: { guestId: string },
  request: Parameters<typeof startAssistantTurn>[0]["request"],
) {
  return startAssistantTurn({
    owner,
    request,
    signal: new AbortController().signal,
    requestId: "hung-provider-test",
  });
}

test("a hung provider ends in a stored, retryable error reply after AI_TIMEOUT_MS", async () => {
  const owner = { guestId: guest().guestId };
  const { chat } = await createChatWithMessages({ owner });
  const userId = crypto.randomUUID();
  const replyId = crypto.randomUUID();
  const started = performance.now();

  const first = await turn(owner, {
    chat_id: chat.id,
    message: { id: userId, content: "How do I learn the cello?" },
    assistant_id: replyId,
  });
  // What the client receives, as the route sends it: the error, never an endless stream.
  const body = await first.result.toUIMessageStreamResponse({ onError: () => ERROR_REPLY }).text();
  await first.saved;
  const elapsed = performance.now() - started;

  expect(hanging.accepted()).toBeGreaterThanOrEqual(1);
  expect(provider.requests).toHaveLength(0);
  expect(body).toContain(`"errorText":"${ERROR_REPLY}"`);
  expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  expect(elapsed).toBeLessThan(TIMEOUT_MS + 10_000);
  const failed = await getOwnedChatOrThrow({ id: chat.id, owner });
  expect(failed.chat.messageCount).toBe(2);
  expect(failed.messages.map((m) => [m.id, m.messageType, m.isError, m.content])).toEqual([
    [userId, "user", false, "How do I learn the cello?"],
    [replyId, "assistant", true, ERROR_REPLY],
  ]);

  // The provider answers again: Retry replaces the stored error with the reply.
  hanging.forwardTo(Number(new URL(provider.baseURL).port));
  const retryId = crypto.randomUUID();
  const retry = await turn(owner, { chat_id: chat.id, assistant_id: retryId, retry_of: replyId });
  await retry.saved;
  expect(provider.requests).toHaveLength(1);
  const after = await getOwnedChatOrThrow({ id: chat.id, owner });
  expect(after.chat.messageCount).toBe(2);
  expect(after.messages.map((m) => [m.id, m.messageType, m.isError, m.content])).toEqual([
    [userId, "user", false, "How do I learn the cello?"],
    [retryId, "assistant", false, "Start with scales."],
  ]);
});
