import { describe, expect, test } from "vitest";
import * as branchRoute from "@/app/api/chats/[id]/branch/route";
import {
  createChatWithMessages,
  listChatsByOwner,
  type NewMessage,
  replaceFromMessage,
  updateOwnedChat,
} from "@/db/queries/chats";
import { getOwnedChatOrThrow } from "@/lib/chats/reads";
import { continueSharedChat } from "@/lib/chats/writes";
import { TITLE_MAX } from "@/lib/validation/chat";
import { guest, ownerOf, signedInUser, type TestCaller } from "../helpers/callers";
import { storedChat } from "../helpers/chats";
import { callRoute } from "../helpers/http";

// POST /api/chats/<id>/branch/ (Branch in new chat): a new chat of the caller holding one
// of their chats up to and including a message of it, without its error replies; the
// original is untouched. Strangers get 404 (tests/api/chats-access.test.ts).

type Caller = TestCaller & ({ guestId: string } | { userId: string });

const question = (content: string): NewMessage => ({ messageType: "user", content });
const answer = (content: string): NewMessage => ({ messageType: "assistant", content });
const failure = (content: string): NewMessage => ({ ...answer(content), isError: true });

async function chatWith(caller: Caller, messages: NewMessage[], title?: string) {
  return createChatWithMessages({ owner: ownerOf(caller), messages, title });
}

async function branch(caller: TestCaller, chatId: string, body: unknown) {
  const response = await callRoute(branchRoute.POST, {
    path: `/api/chats/${chatId}/branch/`,
    params: { id: chatId },
    body,
    headers: caller.headers,
  });
  return { status: response.status, body: await response.json() };
}

const chatsOf = async (caller: Caller) =>
  (await listChatsByOwner({ owner: ownerOf(caller), limit: 100 })).chats;
const chatCount = async (caller: Caller) => (await chatsOf(caller)).length;

const LESSON = [
  question("Teach me to knit"),
  answer("Cast on twenty stitches."),
  question("And then?"),
  answer("Knit every row."),
];

describe("POST /api/chats/<id>/branch/", () => {
  test.each([
    { who: "an account", caller: () => signedInUser("branch") },
    { who: "a guest", caller: async () => guest("branch") },
  ])("$who gets a new chat up to the message, the original untouched", async ({ caller }) => {
    const owner = await caller();
    const { chat, messages } = await chatWith(owner, LESSON, "Knitting");
    const before = await storedChat(owner, chat.id);

    const { status, body } = await branch(owner, chat.id, { through: messages[1]?.id });

    expect(status).toBe(201);
    expect(body.id).not.toBe(chat.id);
    expect(body.title).toBe("Branch · Knitting");
    expect(body.is_shared).toBe(false);
    expect(body.message_count).toBe(2);
    // Where it came from, and where it went its own way: after the copy of the reply.
    expect(body.branched_from).toEqual({
      chat_id: chat.id,
      after_message_id: body.messages[1].id,
    });
    expect(body.messages.map((m: { message_type: string }) => m.message_type)).toEqual([
      "user",
      "assistant",
    ]);
    expect(body.messages.map((m: { content: string }) => m.content)).toEqual([
      "Teach me to knit",
      "Cast on twenty stitches.",
    ]);
    // Copies, not the original's rows.
    const originalIds = messages.map((m) => m.id);
    for (const m of body.messages as { id: string }[]) expect(originalIds).not.toContain(m.id);
    expect((await storedChat(owner, body.id)).messages.map((m) => m[2])).toEqual([
      "Teach me to knit",
      "Cast on twenty stitches.",
    ]);
    expect(await storedChat(owner, chat.id)).toEqual(before);
    expect(
      (await getOwnedChatOrThrow({ id: chat.id, owner: ownerOf(owner) })).chat.branchedFromId,
    ).toBeNull();
    // The branch leads the owner's list, as any new chat does.
    expect((await chatsOf(owner))[0]?.id).toBe(body.id);
  });

  test("through the last message copies the whole chat; error replies are left out", async () => {
    const owner = guest("branch-errors");
    const { chat, messages } = await chatWith(owner, [
      question("Teach me to knit"),
      failure("The assistant is unavailable."),
      question("Teach me to knit, please"),
      answer("Cast on twenty stitches."),
    ]);
    const { status, body } = await branch(owner, chat.id, { through: messages.at(-1)?.id });
    expect(status).toBe(201);
    expect(body.messages.map((m: { content: string }) => m.content)).toEqual([
      "Teach me to knit",
      "Teach me to knit, please",
      "Cast on twenty stitches.",
    ]);
    expect(body.message_count).toBe(3);
  });

  test("with an id: the same request again answers the same chat and adds nothing", async () => {
    const owner = guest("branch-retry");
    const { chat, messages } = await chatWith(owner, LESSON);
    const request = { id: crypto.randomUUID(), through: messages[2]?.id };

    const first = await branch(owner, chat.id, request);
    // The original changes before the retry: `through` is gone from it.
    await replaceFromMessage({
      chatId: chat.id,
      owner: ownerOf(owner),
      id: messages[0]?.id ?? "",
      replacement: { ...question("Teach me to crochet"), id: crypto.randomUUID() },
    });
    const again = await branch(owner, chat.id, request);

    expect(first.status).toBe(201);
    expect(first.body.id).toBe(request.id);
    expect(again.status).toBe(201);
    expect(again.body.messages).toEqual(first.body.messages);
    expect((await storedChat(owner, request.id)).messageCount).toBe(3);
    // One original and one branch.
    expect(await chatCount(owner)).toBe(2);
  });

  test("an id that is another chat's is 409 and creates nothing", async () => {
    const owner = guest("branch-taken");
    const { chat, messages } = await chatWith(owner, LESSON);
    const { chat: stranger } = await chatWith(guest("branch-taken-other"), LESSON);
    const { status, body } = await branch(owner, chat.id, {
      id: stranger.id,
      through: messages[0]?.id,
    });
    expect(status).toBe(409);
    expect(body.error.code).toBe("conflict");
    expect(await chatCount(owner)).toBe(1);
  });

  test("a message that is not in the chat is 409 and creates nothing", async () => {
    const owner = guest("branch-gone");
    const { chat } = await chatWith(owner, LESSON);
    const { messages: elsewhere } = await chatWith(owner, LESSON);
    for (const through of [elsewhere[0]?.id, crypto.randomUUID()]) {
      const { status, body } = await branch(owner, chat.id, { through });
      expect(status).toBe(409);
      expect(body.error.code).toBe("conflict");
      expect(body.error.message).toMatch(/no longer in the chat/);
    }
    expect(await chatCount(owner)).toBe(2);
  });

  test.each([
    { what: "no message", body: {}, path: "through" },
    { what: "a message that is no id", body: { through: "first" }, path: "through" },
    { what: "an id that is no UUID", body: { id: "mine", through: null }, path: "id" },
    { what: "a field it does not know", body: { through: null, title: "Mine" }, path: "title" },
  ])("$what is 400 and creates nothing", async ({ body, path }) => {
    const owner = guest("branch-invalid");
    const { chat, messages } = await chatWith(owner, LESSON);
    const request = { ...body, through: body.through === null ? messages[0]?.id : body.through };
    const { status, body: answer } = await branch(owner, chat.id, request);
    expect(status).toBe(400);
    expect(answer.error.code).toBe("validation_error");
    expect(answer.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await chatCount(owner)).toBe(1);
  });

  test("the title says it is a branch, within the length a title may have", async () => {
    const owner = guest("branch-title");
    const long = "k".repeat(TITLE_MAX);
    const { chat, messages } = await chatWith(owner, LESSON, long);
    const { body } = await branch(owner, chat.id, { through: messages[0]?.id });
    expect(body.title).toHaveLength(TITLE_MAX);
    expect(body.title).toBe(`Branch · ${long}`.slice(0, TITLE_MAX));
  });

  test("a chat longer than one INSERT can hold is branched and continued whole", async () => {
    const owner = guest("branch-long");
    // 5 parameters a message without an id: 14,000 messages are past PostgreSQL's 65,535
    // (its insert failed before messages were inserted in parts).
    const long = Array.from({ length: 14_000 }, (_, i) =>
      i % 2 === 0 ? question(`Question ${i / 2 + 1}`) : answer(`Answer ${(i + 1) / 2}`),
    );
    const { chat, messages } = await chatWith(owner, long);
    expect(messages).toHaveLength(14_000);

    const { status, body } = await branch(owner, chat.id, { through: messages.at(-1)?.id });
    expect(status).toBe(201);
    expect(body.message_count).toBe(14_000);
    expect(body.messages.at(-1).content).toBe("Answer 7000");

    await updateOwnedChat({ id: chat.id, owner: ownerOf(owner), changes: { isShared: true } });
    const copy = await continueSharedChat({ shareId: chat.shareId, owner: ownerOf(owner) });
    expect(copy.messages).toHaveLength(14_000);
  }, 120_000);
});
