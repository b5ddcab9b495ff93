import { createRequire } from "node:module";
import { describe, expect, test, vi } from "vitest";
import * as chatbotRoute from "@/app/api/chatbot/route";
import { createChatWithMessages, type NewMessage } from "@/db/queries/chats";
import { shareTag } from "@/lib/cache/public-cache";
import { setSharing } from "@/lib/chats/writes";
import { guest, ownerOf, signedInUser, type TestCaller } from "../helpers/callers";
import { storedChat } from "../helpers/chats";
import { callRoute } from "../helpers/http";
import { stubInstantOfflineAssistant } from "../helpers/offline-assistant";

// POST /api/chatbot/ with `edit_of` naming one of the user's messages and `message` its
// new text (Edit): that message and every one after it are replaced by the new turn. A
// reply, or a message no longer in the chat, is 409 and changes nothing; someone else's
// chat is 404.

// Outside Next's request scope `after()` throws: its tasks are run by the test instead.
const { mockAfter, runAfterTasks } = await vi.hoisted(() => import("../helpers/after-tasks"));
vi.mock("next/server", mockAfter);
stubInstantOfflineAssistant();

const require = createRequire(import.meta.url);
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external");

type Caller = TestCaller & ({ guestId: string } | { userId: string });

const question = (content: string): NewMessage => ({ messageType: "user", content });
const answer = (content: string): NewMessage => ({ messageType: "assistant", content });

const KNITTING = [
  question("Teach me to knit"),
  answer("Cast on twenty stitches."),
  question("And then?"),
  answer("Knit every row."),
];

async function chatWith(caller: Caller, messages: NewMessage[]) {
  return createChatWithMessages({ owner: ownerOf(caller), messages });
}

type Edit = { editOf?: string; content?: string; messageId?: string; assistantId?: string };

/** Sends an Edit; resolves once the stream is read and the reply stored. */
async function edit(caller: Caller, chatId: string, body: Edit & Record<string, unknown>) {
  const { editOf, content = "Teach me to crochet", messageId, assistantId, ...extra } = body;
  const ids = {
    message: messageId ?? crypto.randomUUID(),
    assistant: assistantId ?? crypto.randomUUID(),
  };
  const response = await callRoute(chatbotRoute.POST, {
    path: "/api/chatbot/",
    body: {
      chat_id: chatId,
      assistant_id: ids.assistant,
      message: { id: ids.message, content },
      ...(editOf === undefined ? {} : { edit_of: editOf }),
      ...extra,
    },
    headers: caller.headers,
  });
  const text = await response.text();
  await runAfterTasks();
  return { status: response.status, text, ids };
}

describe("POST /api/chatbot/ with edit_of", () => {
  test.each([
    { which: "the first question", index: 0, kept: 0 },
    { which: "a later question", index: 2, kept: 2 },
  ])("replaces $which and everything after it with the new turn", async ({ index, kept }) => {
    const caller = guest("edit");
    const { chat, messages } = await chatWith(caller, KNITTING);
    const before = await storedChat(caller, chat.id);

    const { status, text, ids } = await edit(caller, chat.id, {
      editOf: messages[index]?.id,
      content: "Teach me to crochet",
    });

    expect(status).toBe(200);
    expect(text).toContain('"type":"text-delta"');
    const after = await storedChat(caller, chat.id);
    expect(after.messages.map(([id, type]) => [id, type])).toEqual([
      ...messages.slice(0, kept).map((m) => [m.id, m.messageType]),
      [ids.message, "user"],
      [ids.assistant, "assistant"],
    ]);
    expect(after.messages[kept]?.[2]).toBe("Teach me to crochet");
    expect(after.messageCount).toBe(kept + 2);
    // The title stays: it is the chat's name in the list, not a copy of the first message.
    expect(after.title).toBe(before.title);
    expect(after.updatedAt > before.updatedAt).toBe(true);
  });

  test("edits a question still awaiting its reply", async () => {
    const caller = await signedInUser("edit-unanswered");
    const { chat, messages } = await chatWith(caller, [question("How do I start running?")]);

    const { status, ids } = await edit(caller, chat.id, {
      editOf: messages[0]?.id,
      content: "How do I start running at 60?",
    });

    expect(status).toBe(200);
    const after = await storedChat(caller, chat.id);
    expect(after.messages.map(([id]) => id)).toEqual([ids.message, ids.assistant]);
    expect(after.messageCount).toBe(2);
  });

  test.each([
    { name: "a reply", editOf: (ids: string[]) => ids[1] ?? "" },
    { name: "the last reply", editOf: (ids: string[]) => ids[3] ?? "" },
    { name: "a message of no chat (already edited elsewhere)", editOf: () => crypto.randomUUID() },
  ])("is 409 conflict, changing nothing, for $name", async (refusal) => {
    const caller = await signedInUser("edit-refused");
    const { chat, messages } = await chatWith(caller, KNITTING);
    const before = await storedChat(caller, chat.id);

    const { status, text } = await edit(caller, chat.id, {
      editOf: refusal.editOf(messages.map((m) => m.id)),
    });

    expect(status).toBe(409);
    expect(JSON.parse(text)).toEqual({
      error: { code: "conflict", message: expect.stringMatching(/can be edited/) },
    });
    expect(await storedChat(caller, chat.id)).toEqual(before);
  });

  test("is 409, changing nothing, when the new message's id is another chat's (all or nothing)", async () => {
    const caller = guest("edit-taken-id");
    const { chat, messages } = await chatWith(caller, KNITTING);
    const other = await chatWith(caller, [question("Teach me to sew")]);
    const before = await storedChat(caller, chat.id);

    const { status, text } = await edit(caller, chat.id, {
      editOf: messages[2]?.id,
      messageId: other.messages[0]?.id,
    });

    expect(status).toBe(409);
    expect(JSON.parse(text).error.message).toMatch(/belongs to another chat/);
    expect(await storedChat(caller, chat.id)).toEqual(before);
  });

  test("is 400, changing nothing, without the new message or together with retry_of", async () => {
    const caller = guest("edit-invalid");
    const { chat, messages } = await chatWith(caller, KNITTING);
    const before = await storedChat(caller, chat.id);

    const withoutMessage = await callRoute(chatbotRoute.POST, {
      path: "/api/chatbot/",
      body: { chat_id: chat.id, assistant_id: crypto.randomUUID(), edit_of: messages[2]?.id },
      headers: caller.headers,
    });
    const withRetry = await edit(caller, chat.id, {
      editOf: messages[2]?.id,
      retry_of: messages[3]?.id,
    });

    for (const response of [withoutMessage, { status: withRetry.status }]) {
      expect(response.status).toBe(400);
    }
    expect(JSON.parse(await withoutMessage.text()).error).toMatchObject({
      code: "validation_error",
      issues: [expect.objectContaining({ path: "edit_of" })],
    });
    expect(await storedChat(caller, chat.id)).toEqual(before);
  });

  test("sent again after it went through, it goes on with the same ids and adds nothing", async () => {
    const caller = guest("edit-again");
    const { chat, messages } = await chatWith(caller, KNITTING);
    const request = {
      editOf: messages[2]?.id,
      content: "And after that?",
      messageId: crypto.randomUUID(),
      assistantId: crypto.randomUUID(),
    };

    expect((await edit(caller, chat.id, request)).status).toBe(200);
    const first = await storedChat(caller, chat.id);
    expect((await edit(caller, chat.id, request)).status).toBe(200);

    const again = await storedChat(caller, chat.id);
    expect(again.messages.map(([id]) => id)).toEqual([
      messages[0]?.id,
      messages[1]?.id,
      request.messageId,
      request.assistantId,
    ]);
    expect(again.messageCount).toBe(4);
    expect(again.messages).toEqual(first.messages);
  });

  test("is 404 not_found for someone else's chat, which keeps its messages", async () => {
    const owner = guest("edit-owner");
    const { chat, messages } = await chatWith(owner, KNITTING);
    const before = await storedChat(owner, chat.id);

    for (const stranger of [guest("edit-stranger"), await signedInUser("stranger")]) {
      const { status, text } = await edit(stranger, chat.id, { editOf: messages[0]?.id });
      expect(status).toBe(404);
      expect(JSON.parse(text).error.code).toBe("not_found");
    }
    expect(await storedChat(owner, chat.id)).toEqual(before);
  });

  test("on a shared chat, expires the public page; a refusal expires nothing", async () => {
    const caller = guest("edit-shared");
    const { chat, messages } = await chatWith(caller, KNITTING);
    const shared = await setSharing({ id: chat.id, owner: ownerOf(caller), isShared: true });
    tagsManifest.delete(shareTag(shared.shareId));
    const before = Date.now();

    expect((await edit(caller, chat.id, { editOf: messages[1]?.id })).status).toBe(409);
    expect(tagsManifest.get(shareTag(shared.shareId))).toBeUndefined();

    expect((await edit(caller, chat.id, { editOf: messages[2]?.id })).status).toBe(200);
    expect(tagsManifest.get(shareTag(shared.shareId))?.expired).toBeGreaterThanOrEqual(before);
  });
});
