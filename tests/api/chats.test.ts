import { describe, expect, test } from "vitest";
import * as messageRoute from "@/app/api/chats/[id]/message/route";
import * as messagesRoute from "@/app/api/chats/[id]/messages/route";
import * as chatRoute from "@/app/api/chats/[id]/route";
import * as shareRoute from "@/app/api/chats/[id]/share/route";
import * as createWithMessagesRoute from "@/app/api/chats/create-with-messages/route";
import * as listRoute from "@/app/api/chats/route";
import { POST as register } from "@/app/api/register/route";
import { getSharedChatByShareId } from "@/db/queries/chats";
import { toSharedChatOut } from "@/lib/chats/serialize";
import { guest, nobody, signedInUser, type TestCaller } from "../helpers/callers";
import { callRoute, cookieHeaderFrom, uniqueEmail } from "../helpers/http";

const msg = (content: string, type: "user" | "assistant" = "user", id?: string) => ({
  ...(id ? { id } : {}),
  message_type: type,
  content,
});

async function createChat(caller: TestCaller, body: unknown = {}) {
  const response = await callRoute(listRoute.POST, {
    path: "/api/chats/",
    body,
    headers: caller.headers,
  });
  expect(response.status).toBe(201);
  return response.json();
}

function getChat(caller: TestCaller, id: string) {
  return callRoute(chatRoute.GET, {
    path: `/api/chats/${id}/`,
    params: { id },
    headers: caller.headers,
  });
}

// What GET /api/chats/share/<id>/ serves (its HTTP side, cached, is tested in e2e).
async function publicView(shareId: string) {
  const shared = await getSharedChatByShareId({ shareId });
  return shared ? toSharedChatOut(shared.chat, shared.messages) : null;
}

describe("endpoints", () => {
  test("POST /api/chats/ creates an empty chat titled 'New chat'", async () => {
    const user = await signedInUser();
    const chat = await createChat(user);
    expect(chat).toMatchObject({
      title: "New chat",
      is_shared: false,
      is_discoverable: false,
      share_url: null,
      message_count: 0,
      messages: [],
    });
    expect(chat.share_id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(chat.created_at)).not.toBeNaN();
  });

  test("POST /api/chats/ with messages titles the chat from the first user message", async () => {
    const user = await signedInUser();
    const chat = await createChat(user, {
      messages: [msg("Hello!", "assistant"), msg("How do I **learn** to  juggle three balls?")],
    });
    expect(chat.title).toBe("How do I learn to juggle three balls?");
    expect(chat.message_count).toBe(2);
    expect(chat.messages.map((m: { content: string }) => m.content)).toEqual([
      "Hello!",
      "How do I **learn** to  juggle three balls?",
    ]);
  });

  test("POST /api/chats/ with a client-chosen id: a retry answers the same chat, once", async () => {
    const user = await signedInUser();
    const id = crypto.randomUUID();
    const message = msg("How do I start sketching?", "user", crypto.randomUUID());
    const first = await createChat(user, { id, messages: [message] });
    const retried = await createChat(user, { id, messages: [message] });
    expect(first.id).toBe(id);
    expect(retried).toMatchObject({ id, share_id: first.share_id, message_count: 1 });
    const list = await callRoute(listRoute.GET, { path: "/api/chats/", headers: user.headers });
    expect((await list.json()).results.map((c: { id: string }) => c.id)).toEqual([id]);

    // Someone else's chat id: refused, and that chat is untouched.
    const other = await signedInUser("other");
    const taken = await callRoute(listRoute.POST, {
      path: "/api/chats/",
      body: { id, messages: [msg("Mine now?")] },
      headers: other.headers,
    });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.code).toBe("conflict");
    expect((await (await getChat(user, id)).json()).message_count).toBe(1);
  });

  test("a title the user set is never overwritten", async () => {
    const user = await signedInUser();
    const chat = await createChat(user, { title: "  Mine  " });
    expect(chat.title).toBe("Mine");
    const response = await callRoute(messagesRoute.POST, {
      path: `/api/chats/${chat.id}/messages/`,
      params: { id: chat.id },
      body: { messages: [msg("Teach me chess")] },
      headers: user.headers,
    });
    expect((await response.json()).title).toBe("Mine");
  });

  test("GET /api/chats/<id>/ returns the chat and its messages oldest first", async () => {
    const user = await signedInUser();
    const created = await createChat(user, {
      messages: [msg("one"), msg("two", "assistant"), msg("three")],
    });
    const response = await getChat(user, created.id);
    expect(response.status).toBe(200);
    const chat = await response.json();
    expect(chat.messages.map((m: { content: string }) => m.content)).toEqual([
      "one",
      "two",
      "three",
    ]);
    expect(Object.keys(chat.messages[0]).sort()).toEqual([
      "content",
      "created_at",
      "id",
      "is_error",
      "message_type",
    ]);
  });

  test("PATCH /api/chats/<id>/ renames, shares and sets discoverability", async () => {
    const user = await signedInUser();
    const created = await createChat(user);
    const response = await callRoute(chatRoute.PATCH, {
      method: "PATCH",
      path: `/api/chats/${created.id}/`,
      params: { id: created.id },
      body: { title: "Renamed", is_shared: true, is_discoverable: true },
      headers: user.headers,
    });
    expect(response.status).toBe(200);
    const chat = await response.json();
    expect(chat).toMatchObject({ title: "Renamed", is_shared: true, is_discoverable: true });
    expect(chat.share_url).toBe(`http://localhost:3000/chatbot/share/${chat.share_id}`);
  });

  test("DELETE /api/chats/<id>/ deletes the chat and its messages", async () => {
    const user = await signedInUser();
    const created = await createChat(user, { messages: [msg("bye")] });
    const response = await callRoute(chatRoute.DELETE, {
      method: "DELETE",
      path: `/api/chats/${created.id}/`,
      params: { id: created.id },
      headers: user.headers,
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect((await getChat(user, created.id)).status).toBe(404);
  });

  test("POST /api/chats/<id>/message/ stores one message and bumps updated_at", async () => {
    const user = await signedInUser();
    const created = await createChat(user);
    const response = await callRoute(messageRoute.POST, {
      path: `/api/chats/${created.id}/message/`,
      params: { id: created.id },
      body: { ...msg("Explain recursion"), is_error: false },
      headers: user.headers,
    });
    expect(response.status).toBe(201);
    const message = await response.json();
    expect(message).toMatchObject({
      message_type: "user",
      content: "Explain recursion",
      is_error: false,
    });
    const chat = await (await getChat(user, created.id)).json();
    expect(chat.updated_at > created.updated_at).toBe(true);
    expect(chat.title).toBe("Explain recursion");
    expect(chat.message_count).toBe(1);
  });

  test("POST /api/chats/create-with-messages/ creates a chat with its messages", async () => {
    const user = await signedInUser();
    const response = await callRoute(createWithMessagesRoute.POST, {
      path: "/api/chats/create-with-messages/",
      body: { messages: [msg("a"), msg("b", "assistant")] },
      headers: user.headers,
    });
    expect(response.status).toBe(201);
    expect((await response.json()).message_count).toBe(2);
  });

  test("GET /api/chats/ lists only the caller's chats, newest first", async () => {
    const user = await signedInUser();
    const other = await signedInUser();
    const first = await createChat(user);
    const second = await createChat(user);
    await createChat(other);
    const response = await callRoute(listRoute.GET, { path: "/api/chats/", headers: user.headers });
    const body = await response.json();
    expect(body.results.map((c: { id: string }) => c.id)).toEqual([second.id, first.id]);
    expect(body.next_cursor).toBeNull();
    expect(body.results[0]).not.toHaveProperty("messages");
  });

  test("GET /api/chats/ for a visitor with no guest identity is an empty list", async () => {
    const response = await callRoute(listRoute.GET, { path: "/api/chats/" });
    expect(await response.json()).toEqual({ results: [], next_cursor: null });
  });

  test("a visitor's first write gives them a guest identity that owns the chat", async () => {
    const response = await callRoute(listRoute.POST, { path: "/api/chats/", body: {} });
    expect(response.status).toBe(201);
    const setCookie = response.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(
      /skillmate_guest=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/,
    );
    const chat = await response.json();
    const cookie = cookieHeaderFrom(response);
    expect((await getChat({ label: "same visitor", headers: { cookie } }, chat.id)).status).toBe(
      200,
    );
    expect((await getChat(nobody, chat.id)).status).toBe(404);
  });
});

describe("sharing", () => {
  test("share, unshare, re-share keeps the share_id; the public endpoint follows", async () => {
    const user = await signedInUser();
    const chat = await createChat(user, {
      messages: [msg("Public question"), msg("Public answer", "assistant")],
    });
    const share = (body: unknown) =>
      callRoute(shareRoute.POST, {
        path: `/api/chats/${chat.id}/share/`,
        params: { id: chat.id },
        body,
        headers: user.headers,
      }).then((r) => r.json());

    expect(await publicView(chat.share_id)).toBeNull();

    const shared = await share({});
    expect(shared).toEqual({
      is_shared: true,
      share_id: chat.share_id,
      share_url: `http://localhost:3000/chatbot/share/${chat.share_id}`,
      share_expires_at: null,
      share_mode: "live",
      snapshot_at: null,
      shared_at: expect.any(String),
    });
    const body = await publicView(chat.share_id);
    expect(Object.keys(body ?? {}).sort()).toEqual([
      "created_at",
      "messages",
      "share_id",
      "title",
      "updated_at",
    ]);
    expect(body?.messages.map((m) => m.content)).toEqual(["Public question", "Public answer"]);
    expect(JSON.stringify(body)).not.toContain(user.userId);

    expect(await share({})).toEqual({
      is_shared: false,
      share_id: chat.share_id,
      share_url: null,
      share_expires_at: null,
      share_mode: "live",
      snapshot_at: null,
      shared_at: shared.shared_at,
    });
    expect(await publicView(chat.share_id)).toBeNull();

    expect(await share({ is_shared: true })).toMatchObject({
      is_shared: true,
      share_id: chat.share_id,
    });
    expect(await share({ is_shared: true })).toMatchObject({ is_shared: true });
    expect(await publicView(chat.share_id)).not.toBeNull();

    await callRoute(chatRoute.DELETE, {
      method: "DELETE",
      path: `/api/chats/${chat.id}/`,
      params: { id: chat.id },
      headers: user.headers,
    });
    expect(await publicView(chat.share_id)).toBeNull();
  });
});

describe("guest chats move to the account on sign-up through the API", () => {
  test("POST /api/chats/ as a guest, then POST /api/register with the same cookie", async () => {
    const visitor = guest();
    const chat = await createChat(visitor, { messages: [msg("Guest question")] });
    const response = await callRoute(register, {
      path: "/api/register",
      body: { email: uniqueEmail(), password: "long enough" },
      headers: visitor.headers,
    });
    expect(response.status).toBe(201);
    const account = { label: "account", headers: { cookie: cookieHeaderFrom(response) } };
    const list = await (
      await callRoute(listRoute.GET, { path: "/api/chats/", headers: account.headers })
    ).json();
    expect(list.results.map((c: { id: string }) => c.id)).toEqual([chat.id]);
    expect((await getChat(visitor, chat.id)).status).toBe(404);
  });
});
