import { createRequire } from "node:module";
import { describe, expect, test, vi } from "vitest";
import * as chatbotRoute from "@/app/api/chatbot/route";
import { createChatWithMessages, type NewMessage } from "@/db/queries/chats";
import { shareTag } from "@/lib/cache/public-cache";
import { deleteReplyToReplace, setSharing } from "@/lib/chats/writes";
import { guest, ownerOf, signedInUser, type TestCaller } from "../helpers/callers";
import { storedChat } from "../helpers/chats";
import { callRoute } from "../helpers/http";
import { stubInstantOfflineAssistant } from "../helpers/offline-assistant";

// POST /api/chatbot/ with `retry_of` naming the chat's last reply, failed or not
// (Regenerate): the reply is replaced by the new one. Any other message is 409 and changes
// nothing; someone else's chat is 404.

// Outside Next's request scope `after()` throws: its tasks are run by the test instead.
const { mockAfter, runAfterTasks } = await vi.hoisted(() => import("../helpers/after-tasks"));
vi.mock("next/server", mockAfter);
stubInstantOfflineAssistant();

const require = createRequire(import.meta.url);
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external");

type Caller = TestCaller & ({ guestId: string } | { userId: string });

async function chatWith(caller: Caller, messages: NewMessage[]) {
  return createChatWithMessages({ owner: ownerOf(caller), messages });
}

/** Asks for a new reply replacing `retryOf`; resolves once the stream is read and the reply stored. */
async function regenerate(caller: Caller, chatId: string, retryOf: string) {
  const assistantId = crypto.randomUUID();
  const response = await callRoute(chatbotRoute.POST, {
    path: "/api/chatbot/",
    body: { chat_id: chatId, assistant_id: assistantId, retry_of: retryOf },
    headers: caller.headers,
  });
  const body = await response.text();
  await runAfterTasks();
  return { status: response.status, body, assistantId };
}

const question = (content: string): NewMessage => ({ messageType: "user", content });
const answer = (content: string, isError = false): NewMessage => ({
  messageType: "assistant",
  content,
  isError,
});

describe("POST /api/chatbot/ with retry_of", () => {
  test.each([
    { kind: "a reply", isError: false },
    { kind: "a failed reply", isError: true },
  ])("regenerates the chat's last reply when it is $kind", async ({ isError }) => {
    const caller = guest("regenerate");
    const { chat, messages } = await chatWith(caller, [
      question("How do I learn to whistle?"),
      answer("Purse your lips.", isError),
    ]);
    const [user, reply] = messages;

    const { status, body, assistantId } = await regenerate(caller, chat.id, reply?.id ?? "");

    expect(status).toBe(200);
    expect(body).toContain('"type":"text-delta"');
    const after = await storedChat(caller, chat.id);
    expect(after.messageCount).toBe(2);
    expect(after.messages.map(([id, type, , error]) => [id, type, error])).toEqual([
      [user?.id, "user", false],
      [assistantId, "assistant", false],
    ]);
    expect(after.messages[1]?.[2]).not.toBe("Purse your lips.");
  });

  const refusals: { name: string; messages: NewMessage[]; retryOf: (ids: string[]) => string }[] = [
    {
      name: "a user message",
      messages: [question("Teach me to knit"), answer("Cast on twenty stitches.")],
      retryOf: (ids) => ids[0] ?? "",
    },
    {
      name: "a reply that is not the last message",
      messages: [
        question("Teach me to knit"),
        answer("Cast on twenty stitches."),
        question("And then?"),
        answer("Knit every row."),
      ],
      retryOf: (ids) => ids[1] ?? "",
    },
    {
      name: "the last reply, with a question asked after it",
      messages: [
        question("Teach me to knit"),
        answer("Cast on twenty stitches.", true),
        question("Hello?"),
      ],
      retryOf: (ids) => ids[1] ?? "",
    },
    {
      name: "the last message, when it is the user's",
      messages: [question("Teach me to knit")],
      retryOf: (ids) => ids[0] ?? "",
    },
    {
      name: "a message of no chat (a reply already replaced)",
      messages: [question("Teach me to knit"), answer("Cast on twenty stitches.")],
      retryOf: () => crypto.randomUUID(),
    },
  ];

  test.each(refusals)("is 409 conflict, changing nothing, for $name", async (refusal) => {
    const caller = await signedInUser("regenerate-refused");
    const { chat, messages } = await chatWith(caller, refusal.messages);
    const before = await storedChat(caller, chat.id);

    const { status, body } = await regenerate(
      caller,
      chat.id,
      refusal.retryOf(messages.map((m) => m.id)),
    );

    expect(status).toBe(409);
    expect(JSON.parse(body)).toEqual({
      error: { code: "conflict", message: expect.stringMatching(/last reply/) },
    });
    expect(await storedChat(caller, chat.id)).toEqual(before);
  });

  test("sent again after its first try removed the reply, it goes on (client retries keep their ids)", async () => {
    const caller = guest("regenerate-again");
    const { chat, messages } = await chatWith(caller, [
      question("How do I learn to juggle?"),
      answer("Start with one ball.", true),
    ]);
    const replaced = messages[1]?.id ?? "";
    const first = await regenerate(caller, chat.id, replaced);
    expect(first.status).toBe(200);
    // The first try's reply never got stored (the server died mid-stream, say).
    await deleteReplyToReplace({ chatId: chat.id, owner: ownerOf(caller), id: first.assistantId });

    const again = await regenerate(caller, chat.id, replaced);
    expect(again.status).toBe(200);
    const after = await storedChat(caller, chat.id);
    expect(after.messages.map(([id]) => id)).toEqual([messages[0]?.id, again.assistantId]);
  });

  test("is 404 not_found for someone else's chat, which keeps its reply", async () => {
    const owner = guest("regenerate-owner");
    const { chat, messages } = await chatWith(owner, [
      question("How do I start bouldering?"),
      answer("Find a gym with a beginner wall."),
    ]);
    const before = await storedChat(owner, chat.id);

    for (const stranger of [guest("regenerate-stranger"), await signedInUser("stranger")]) {
      const { status, body } = await regenerate(stranger, chat.id, messages[1]?.id ?? "");
      expect(status).toBe(404);
      expect(JSON.parse(body).error.code).toBe("not_found");
    }
    expect(await storedChat(owner, chat.id)).toEqual(before);
  });

  test("on a shared chat, expires the public page before the new reply streams", async () => {
    const caller = guest("regenerate-shared");
    const { chat, messages } = await chatWith(caller, [
      question("How do I learn to sketch?"),
      answer("Draw boxes for a week."),
    ]);
    const shared = await setSharing({ id: chat.id, owner: ownerOf(caller), isShared: true });
    tagsManifest.delete(shareTag(shared.shareId));
    const before = Date.now();

    // A refusal expires nothing: nothing changed.
    expect((await regenerate(caller, chat.id, messages[0]?.id ?? "")).status).toBe(409);
    expect(tagsManifest.get(shareTag(shared.shareId))).toBeUndefined();

    const { status, assistantId } = await regenerate(caller, chat.id, messages[1]?.id ?? "");
    expect(status).toBe(200);
    expect(tagsManifest.get(shareTag(shared.shareId))?.expired).toBeGreaterThanOrEqual(before);
    const after = await storedChat(caller, chat.id);
    expect(after.messages.map(([id]) => id)).toEqual([messages[0]?.id, assistantId]);
  });
});
