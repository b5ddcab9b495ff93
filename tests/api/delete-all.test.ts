import { count, inArray } from "drizzle-orm";
import { describe, expect, test, vi } from "vitest";
import * as shareRoute from "@/app/api/chats/[id]/share/route";
import * as deleteAllRoute from "@/app/api/chats/delete-all/route";
import * as sharedRoute from "@/app/api/chats/share/[shareId]/route";
import { getDb } from "@/db/client";
import { createChatWithMessages, type Owner, updateOwnedChat } from "@/db/queries/chats";
import { messages } from "@/db/schema";
import { DELETE_ALL_BATCH } from "@/lib/chats/writes";
import { guest, nobody, signedInUser, type TestCaller } from "../helpers/callers";
import { chatIdsOf, newChat } from "../helpers/chats";
import { callRoute } from "../helpers/http";

// Deleting every chat at once (POST /api/chats/delete-all/): the caller's chats, archived
// ones too, and their messages; nobody else's; each shared link dead at once; junk refused.

vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  cacheTag: () => {},
  cacheLife: () => {},
}));

const ownerOf = (caller: TestCaller & ({ userId: string } | { guestId: string })): Owner =>
  "userId" in caller ? { userId: caller.userId } : { guestId: caller.guestId };

const deleteAll = async (as: TestCaller, headers: Record<string, string> = {}) => {
  const response = await callRoute(deleteAllRoute.POST, {
    method: "POST",
    path: "/api/chats/delete-all/",
    headers: { ...as.headers, ...headers },
  });
  return { status: response.status, body: await response.json() };
};

const share = (as: TestCaller, id: string) =>
  callRoute(shareRoute.POST, {
    method: "POST",
    path: `/api/chats/${id}/share/`,
    params: { id },
    headers: as.headers,
    body: { is_shared: true },
  });

const publicRead = async (shareId: string) =>
  (
    await callRoute(sharedRoute.GET, {
      method: "GET",
      path: `/api/chats/share/${shareId}/`,
      params: { shareId },
    })
  ).status;

async function messagesOf(chatIds: string[]): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(messages)
    .where(inArray(messages.chatId, chatIds));
  return Number(row?.n ?? 0);
}

const chatWithMessages = async (owner: Owner) =>
  (
    await createChatWithMessages({
      owner,
      messages: [
        { messageType: "user", content: "How do I learn to knit?" },
        { messageType: "assistant", content: "Start with a garter-stitch scarf." },
      ],
    })
  ).chat;

describe.each([
  ["an account", () => signedInUser("delete-all")],
  ["a guest", () => guest()],
])("delete all of %s", (_label, caller) => {
  test("deletes every chat of the caller, archived and shared ones too, and nobody else's", async () => {
    const me = await caller();
    const other = await signedInUser("delete-all-other");
    const owner = ownerOf(me);
    const [plain, archived, shared] = [
      await chatWithMessages(owner),
      await chatWithMessages(owner),
      await chatWithMessages(owner),
    ];
    await updateOwnedChat({ id: archived.id, owner, changes: { isArchived: true } });
    expect((await share(me, shared.id)).status).toBe(200);
    const theirs = await chatWithMessages(ownerOf(other));
    expect((await share(other, theirs.id)).status).toBe(200);
    const mine = [plain.id, archived.id, shared.id];
    expect(await messagesOf(mine)).toBe(6);

    expect(await deleteAll(me)).toEqual({ status: 200, body: { deleted: 3 } });
    expect(await chatIdsOf(owner)).toEqual([]);
    expect(await messagesOf(mine)).toBe(0);
    expect(await publicRead(shared.shareId)).toBe(404);
    // Someone else's chats, messages and link stay.
    expect(await chatIdsOf(ownerOf(other))).toEqual([theirs.id]);
    expect(await messagesOf([theirs.id])).toBe(2);
    expect(await publicRead(theirs.shareId)).toBe(200);
    expect(await deleteAll(me)).toEqual({ status: 200, body: { deleted: 0 } });
  });
});

test("more chats than one batch holds: all of them go", async () => {
  const me = await signedInUser("delete-all-batches");
  const owner = ownerOf(me);
  const total = DELETE_ALL_BATCH + 2;
  for (let i = 0; i < total; i++) await newChat(owner);
  const last = await newChat(owner);
  expect((await share(me, last.id)).status).toBe(200);
  expect(await deleteAll(me)).toEqual({ status: 200, body: { deleted: total + 1 } });
  expect(await chatIdsOf(owner)).toEqual([]);
  expect(await publicRead(last.shareId)).toBe(404);
});

test("a visitor with no identity has no chats and changes nothing", async () => {
  const other = await signedInUser("delete-all-visitor");
  const theirs = await newChat(ownerOf(other));
  expect(await deleteAll(nobody)).toEqual({ status: 200, body: { deleted: 0 } });
  expect(await chatIdsOf(ownerOf(other))).toEqual([theirs.id]);
});

test("junk is refused and changes nothing", async () => {
  const me = await signedInUser("delete-all-junk");
  const chat = await newChat(ownerOf(me));
  // A cross-site POST is refused before anything is deleted.
  const crossSite = await deleteAll(me, { origin: "https://evil.example" });
  expect(crossSite.status).toBe(403);
  expect(crossSite.body.error.code).toBe("forbidden");
  const { GET, PUT, PATCH, DELETE } = deleteAllRoute;
  for (const [method, handler] of Object.entries({ GET, PUT, PATCH, DELETE })) {
    const response = await callRoute(handler, {
      method,
      path: "/api/chats/delete-all/",
      headers: me.headers,
    });
    expect(response.status, method).toBe(405);
  }
  expect(await chatIdsOf(ownerOf(me))).toEqual([chat.id]);
});
