import { describe, expect, test } from "vitest";
import * as messageRoute from "@/app/api/chats/[id]/message/route";
import * as messagesRoute from "@/app/api/chats/[id]/messages/route";
import * as chatRoute from "@/app/api/chats/[id]/route";
import * as createWithMessagesRoute from "@/app/api/chats/create-with-messages/route";
import * as listRoute from "@/app/api/chats/route";
import { listChatsByOwner } from "@/db/queries/chats";
import { signedInUser, type TestCaller } from "../helpers/callers";
import { callRoute } from "../helpers/http";

type Msg = { id?: string; message_type: "user" | "assistant"; content: string };
const turn = (n: number): Msg[] => [
  { id: crypto.randomUUID(), message_type: "user", content: `question ${n}` },
  { id: crypto.randomUUID(), message_type: "assistant", content: `answer ${n}` },
];

async function createChat(caller: TestCaller, body: unknown = {}) {
  return (
    await callRoute(listRoute.POST, { path: "/api/chats/", body, headers: caller.headers })
  ).json();
}

function saveAll(caller: TestCaller, id: string, messages: Msg[]) {
  return callRoute(messagesRoute.POST, {
    path: `/api/chats/${id}/messages/`,
    params: { id },
    body: { messages },
    headers: caller.headers,
  });
}

async function detail(caller: TestCaller, id: string) {
  return (
    await callRoute(chatRoute.GET, {
      path: `/api/chats/${id}/`,
      params: { id },
      headers: caller.headers,
    })
  ).json();
}

describe("saving is idempotent by message id", () => {
  test("sending the whole conversation after each turn adds only the new messages", async () => {
    const user = await signedInUser();
    const chat = await createChat(user);
    const conversation: Msg[] = [];
    for (let n = 1; n <= 3; n++) {
      conversation.push(...turn(n));
      const response = await saveAll(user, chat.id, conversation);
      expect(response.status).toBe(201);
      expect((await response.json()).message_count).toBe(n * 2);
    }
    const stored = await detail(user, chat.id);
    expect(stored.messages.map((m: Msg) => m.id)).toEqual(conversation.map((m) => m.id));
    expect(stored.title).toBe("question 1");
  });

  test("the same request twice stores once and answers the same", async () => {
    const user = await signedInUser();
    const chat = await createChat(user);
    const message = { id: crypto.randomUUID(), message_type: "user", content: "retry me" };
    const call = () =>
      callRoute(messageRoute.POST, {
        path: `/api/chats/${chat.id}/message/`,
        params: { id: chat.id },
        body: message,
        headers: user.headers,
      });
    const first = await (await call()).json();
    const afterFirst = await detail(user, chat.id);
    const second = await (await call()).json();
    expect(second).toEqual(first);
    const afterSecond = await detail(user, chat.id);
    expect(afterSecond.message_count).toBe(1);
    // A retry that adds nothing does not move the chat in the list.
    expect(afterSecond.updated_at).toBe(afterFirst.updated_at);
  });

  test("an id that belongs to another chat is 409 and the whole batch is refused", async () => {
    const user = await signedInUser();
    const [taken] = turn(1);
    const a = await createChat(user, { messages: [taken] });
    const b = await createChat(user);
    const response = await saveAll(user, b.id, [...turn(2), taken as Msg]);
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe("conflict");
    expect((await detail(user, b.id)).message_count).toBe(0);
    expect((await detail(user, a.id)).message_count).toBe(1);

    // Even another user's message id is only a conflict, never a read of it.
    const other = await signedInUser();
    const theirs = await createChat(other);
    const single = await callRoute(messageRoute.POST, {
      path: `/api/chats/${theirs.id}/message/`,
      params: { id: theirs.id },
      body: taken,
      headers: other.headers,
    });
    expect(single.status).toBe(409);
    expect(JSON.stringify(await single.json())).not.toContain("question 1");
  });

  test("create-with-messages is all or nothing", async () => {
    const user = await signedInUser();
    const [taken] = turn(1);
    await createChat(user, { messages: [taken] });
    const before = (await listChatsByOwner({ owner: { userId: user.userId } })).chats.length;
    const response = await callRoute(createWithMessagesRoute.POST, {
      path: "/api/chats/create-with-messages/",
      body: { messages: [...turn(2), taken] },
      headers: user.headers,
    });
    expect(response.status).toBe(409);
    expect((await listChatsByOwner({ owner: { userId: user.userId } })).chats.length).toBe(before);
  });

  test("50 concurrent single-message posts to one chat are all stored, each once, in order of arrival", async () => {
    const user = await signedInUser();
    const chat = await createChat(user);
    const messages = Array.from({ length: 50 }, (_, i) => ({
      id: crypto.randomUUID(),
      message_type: "user" as const,
      content: `message ${i}`,
    }));
    const responses = await Promise.all(
      messages.map((body) =>
        callRoute(messageRoute.POST, {
          path: `/api/chats/${chat.id}/message/`,
          params: { id: chat.id },
          body,
          headers: user.headers,
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(messages.map(() => 201));
    const stored = await detail(user, chat.id);
    expect(stored.message_count).toBe(50);
    expect(stored.messages.map((m: Msg) => m.id).sort()).toEqual(messages.map((m) => m.id).sort());
    const times = stored.messages.map((m: { created_at: string }) => m.created_at);
    expect([...times].sort()).toEqual(times);
  });
});

describe("keyset pagination", () => {
  test("pages cover every chat once while new chats arrive", async () => {
    const user = await signedInUser();
    const original: string[] = [];
    for (let i = 0; i < 23; i++) original.push((await createChat(user)).id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=5&cursor=${cursor}` : "?limit=5";
      const page = await (
        await callRoute(listRoute.GET, { path: `/api/chats/${query}`, headers: user.headers })
      ).json();
      seen.push(...page.results.map((c: { id: string }) => c.id));
      cursor = page.next_cursor;
      pages += 1;
      // Newer chats arrive between pages; they belong before the cursor, not after it.
      await createChat(user);
    } while (cursor);

    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...original].reverse());
  });

  test("chats updated within the same millisecond are neither skipped nor repeated", async () => {
    const user = await signedInUser();
    const ids = (await Promise.all(Array.from({ length: 12 }, () => createChat(user)))).map(
      (c: { id: string }) => c.id,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=1&cursor=${cursor}` : "?limit=1";
      const page = await (
        await callRoute(listRoute.GET, { path: `/api/chats/${query}`, headers: user.headers })
      ).json();
      seen.push(...page.results.map((c: { id: string }) => c.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(ids.sort());
  });
});
