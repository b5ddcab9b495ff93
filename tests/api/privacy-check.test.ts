import { describe, expect, test } from "vitest";
import * as chatRoute from "@/app/api/chats/[id]/route";
import * as checkRoute from "@/app/api/chats/[id]/share/check/route";
import { createChatWithMessages, type Owner } from "@/db/queries/chats";
import { guest, nobody, signedInUser, type TestCaller } from "../helpers/callers";
import { callRoute } from "../helpers/http";

// GET /api/chats/<id>/share/check/: the owner's chat scanned before it goes public; to
// anyone else, exactly what GET /api/chats/<id>/ answers them (404), and nothing more.

const EMAIL = "jane.doe@gmail.com";
const KEY = "sk_live_CsMehGAkWvj7FAc9QeWJKY40";

const ownerOf = (caller: TestCaller & ({ userId: string } | { guestId: string })): Owner =>
  "userId" in caller ? { userId: caller.userId } : { guestId: caller.guestId };

async function riskyChat(owner: Owner) {
  return createChatWithMessages({
    owner,
    title: "Card 4242 4242 4242 4242 question",
    messages: [
      { messageType: "user", content: "How do I call the Stripe API from Python?" },
      { messageType: "user", content: `My key is ${KEY}, mail me at ${EMAIL}` },
      { messageType: "assistant", content: "Never paste a live key; use an env variable." },
    ],
  });
}

const handlers = {
  GET: checkRoute.GET,
  POST: checkRoute.POST,
  PUT: checkRoute.PUT,
  PATCH: checkRoute.PATCH,
  DELETE: checkRoute.DELETE,
};

const check = (as: TestCaller, id: string, method: keyof typeof handlers = "GET") =>
  callRoute(handlers[method], {
    method,
    path: `/api/chats/${id}/share/check/`,
    params: { id },
    headers: as.headers,
  });

describe.each([
  ["an account", () => signedInUser("privacy-check")],
  ["a guest", () => guest()],
])("the privacy check for %s", (_label, caller) => {
  test("GET /api/chats/<id>/share/check/ lists the findings, masked, with positions", async () => {
    const me = await caller();
    const { chat, messages } = await riskyChat(ownerOf(me));
    const response = await check(me, chat.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const text = await response.text();
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain("4242 4242 4242 4242");
    const body = JSON.parse(text);
    expect(body.scanned_messages).toBe(3);
    const withKey = messages[1];
    if (!withKey) throw new Error("no message");
    expect(body.findings).toEqual([
      {
        message_id: null,
        kind: "card",
        excerpt: "Card **** **** **** 4242 question",
        start: 5,
        end: 24,
        redacted: false,
      },
      expect.objectContaining({ message_id: withKey.id, kind: "api_key" }),
      expect.objectContaining({ message_id: withKey.id, kind: "email" }),
    ]);
    for (const f of body.findings.slice(1)) {
      const value = withKey.content.slice(f.start, f.end);
      expect([KEY, EMAIL]).toContain(value);
    }
    // Scanning stores nothing and shares nothing.
    const read = await callRoute(chatRoute.GET, {
      method: "GET",
      path: `/api/chats/${chat.id}/`,
      params: { id: chat.id },
      headers: me.headers,
    });
    expect((await read.json()).is_shared).toBe(false);
  });

  test("a clean chat has no findings", async () => {
    const me = await caller();
    const { chat } = await createChatWithMessages({
      owner: ownerOf(me),
      messages: [{ messageType: "user", content: "What is 2^64? It is 18446744073709551616." }],
    });
    const response = await check(me, chat.id);
    expect(await response.json()).toEqual({ findings: [], scanned_messages: 1 });
  });
});

test("someone else, a guest, no identity, a malformed or unknown id: 404 not_found, as GET /api/chats/<id>/", async () => {
  const owner = await signedInUser("privacy-owner");
  const { chat } = await riskyChat(ownerOf(owner));
  const cases: [TestCaller, string][] = [
    [await signedInUser("privacy-other"), chat.id],
    [guest(), chat.id],
    [nobody, chat.id],
    [owner, "not-a-uuid"],
    [owner, crypto.randomUUID()],
  ];
  for (const [as, id] of cases) {
    const response = await check(as, id);
    const text = await response.text();
    expect(response.status, `${as.label} ${id}`).toBe(404);
    expect(JSON.parse(text).error.code).toBe("not_found");
    expect(text).not.toContain("4242");
    // The same answer as the chat's own read.
    const read = await callRoute(chatRoute.GET, {
      method: "GET",
      path: `/api/chats/${id}/`,
      params: { id },
      headers: as.headers,
    });
    expect(read.status).toBe(404);
    expect(JSON.parse(text)).toEqual(await read.json());
  }
});

test.each(["POST", "PUT", "PATCH", "DELETE"] as const)(
  "%s /api/chats/<id>/share/check/ is 405 method_not_allowed",
  async (method) => {
    const owner = await signedInUser("privacy-405");
    const { chat } = await riskyChat(ownerOf(owner));
    const response = await check(owner, chat.id, method);
    expect(response.status).toBe(405);
    expect((await response.json()).error.code).toBe("method_not_allowed");
  },
);
