import { count, inArray } from "drizzle-orm";
import { describe, expect, test, vi } from "vitest";
import * as archiveAllRoute from "@/app/api/chats/archive-all/route";
import * as deleteAllRoute from "@/app/api/chats/delete-all/route";
import * as unarchiveAllRoute from "@/app/api/chats/unarchive-all/route";
import { getDb } from "@/db/client";
import {
  createChatWithMessages,
  listChatsByOwner,
  type Owner,
  updateOwnedChat,
} from "@/db/queries/chats";
import { messages } from "@/db/schema";
import { ALL_CHATS_BATCH } from "@/lib/chats/writes";
import { guest, nobody, ownerOf, signedInUser, type TestCaller } from "../helpers/callers";
import { chatIdsOf, newChat } from "../helpers/chats";
import { callRoute } from "../helpers/http";
import { publicStatus, shareChat } from "../helpers/share-calls";

// Archiving, unarchiving or deleting every chat at once (POST /api/chats/archive-all/,
// unarchive-all/, delete-all/):
// the caller's chats, all of them (archived and pinned ones too), nobody else's; a deleted
// chat's messages go and its shared link dies at once, an archived one's link keeps
// working; more chats than a batch holds; junk refused.

vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  cacheTag: () => {},
  cacheLife: () => {},
}));

const routes = {
  "archive-all": archiveAllRoute,
  "unarchive-all": unarchiveAllRoute,
  "delete-all": deleteAllRoute,
};

const callAll =
  (name: keyof typeof routes) =>
  async (as: TestCaller, headers: Record<string, string> = {}) => {
    const response = await callRoute(routes[name].POST, {
      method: "POST",
      path: `/api/chats/${name}/`,
      headers: { ...as.headers, ...headers },
    });
    return { status: response.status, body: await response.json() };
  };
const archiveAll = callAll("archive-all");
const unarchiveAll = callAll("unarchive-all");
const deleteAll = callAll("delete-all");

/** The ids of an owner's archived chats, or of the others, sorted. */
const idsOf = async (owner: Owner, archived: boolean) =>
  (await listChatsByOwner({ owner, limit: 100, archived })).chats.map((c) => c.id).sort();

const share = (as: TestCaller, id: string) => shareChat(as, id, { is_shared: true });

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
    expect(await publicStatus(shared.shareId)).toBe(404);
    // Someone else's chats, messages and link stay.
    expect(await chatIdsOf(ownerOf(other))).toEqual([theirs.id]);
    expect(await messagesOf([theirs.id])).toBe(2);
    expect(await publicStatus(theirs.shareId)).toBe(200);
    expect(await deleteAll(me)).toEqual({ status: 200, body: { deleted: 0 } });
  });
});

describe.each([
  ["an account", () => signedInUser("archive-all")],
  ["a guest", () => guest()],
])("archive all of %s", (_label, caller) => {
  test("archives every chat of the caller, pinned and shared ones too, and nobody else's", async () => {
    const me = await caller();
    const other = await signedInUser("archive-all-other");
    const owner = ownerOf(me);
    const [plain, pinned, shared, already] = [
      await newChat(owner),
      await newChat(owner),
      await newChat(owner),
      await newChat(owner),
    ];
    await updateOwnedChat({ id: pinned.id, owner, changes: { isPinned: true } });
    await updateOwnedChat({ id: already.id, owner, changes: { isArchived: true } });
    expect((await share(me, shared.id)).status).toBe(200);
    const theirs = await newChat(ownerOf(other));

    // The one archived already is not counted again.
    expect(await archiveAll(me)).toEqual({ status: 200, body: { archived: 3 } });
    expect(await idsOf(owner, false)).toEqual([]);
    expect(await idsOf(owner, true)).toEqual([plain.id, pinned.id, shared.id, already.id].sort());
    // Archiving is the owner's alone: the link keeps working.
    expect(await publicStatus(shared.shareId)).toBe(200);
    expect(await idsOf(ownerOf(other), false)).toEqual([theirs.id]);
    expect(await archiveAll(me)).toEqual({ status: 200, body: { archived: 0 } });

    // Unarchive all brings all four back, the pinned one still pinned; theirs untouched.
    await updateOwnedChat({ id: theirs.id, owner: ownerOf(other), changes: { isArchived: true } });
    expect(await unarchiveAll(me)).toEqual({ status: 200, body: { unarchived: 4 } });
    expect(await idsOf(owner, true)).toEqual([]);
    const listed = (await listChatsByOwner({ owner, limit: 100, archived: false })).chats;
    expect(listed.map((c) => c.id).sort()).toEqual(
      [plain.id, pinned.id, shared.id, already.id].sort(),
    );
    expect(listed.filter((c) => c.isPinned).map((c) => c.id)).toEqual([pinned.id]);
    expect(await idsOf(ownerOf(other), true)).toEqual([theirs.id]);
    expect(await unarchiveAll(me)).toEqual({ status: 200, body: { unarchived: 0 } });
  });
});

test("more chats than one batch holds: all of them are archived, unarchived, then deleted", async () => {
  const me = await signedInUser("all-chats-batches");
  const owner = ownerOf(me);
  const total = ALL_CHATS_BATCH + 2;
  for (let i = 0; i < total; i++) await newChat(owner);
  const last = await newChat(owner);
  expect((await share(me, last.id)).status).toBe(200);
  expect(await archiveAll(me)).toEqual({ status: 200, body: { archived: total + 1 } });
  expect(await idsOf(owner, false)).toEqual([]);
  expect(await unarchiveAll(me)).toEqual({ status: 200, body: { unarchived: total + 1 } });
  expect(await idsOf(owner, true)).toEqual([]);
  expect(await deleteAll(me)).toEqual({ status: 200, body: { deleted: total + 1 } });
  expect(await chatIdsOf(owner)).toEqual([]);
  expect(await publicStatus(last.shareId)).toBe(404);
});

test("a visitor with no identity has no chats and changes nothing", async () => {
  const other = await signedInUser("all-chats-visitor");
  const theirs = await newChat(ownerOf(other));
  expect(await archiveAll(nobody)).toEqual({ status: 200, body: { archived: 0 } });
  expect(await unarchiveAll(nobody)).toEqual({ status: 200, body: { unarchived: 0 } });
  expect(await deleteAll(nobody)).toEqual({ status: 200, body: { deleted: 0 } });
  expect(await idsOf(ownerOf(other), false)).toEqual([theirs.id]);
});

test.each(Object.keys(routes) as (keyof typeof routes)[])(
  "%s: junk is refused and changes nothing",
  async (name) => {
    const me = await signedInUser("all-chats-junk");
    const chat = await newChat(ownerOf(me));
    // A cross-site POST is refused before anything changes.
    const crossSite = await callAll(name)(me, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.code).toBe("forbidden");
    const { GET, PUT, PATCH, DELETE } = routes[name];
    for (const [method, handler] of Object.entries({ GET, PUT, PATCH, DELETE })) {
      const response = await callRoute(handler, {
        method,
        path: `/api/chats/${name}/`,
        headers: me.headers,
      });
      expect(response.status, method).toBe(405);
    }
    expect(await idsOf(ownerOf(me), false)).toEqual([chat.id]);
  },
);
