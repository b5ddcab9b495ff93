import { describe, expect, test, vi } from "vitest";
import * as chatRoute from "@/app/api/chats/[id]/route";
import * as listRoute from "@/app/api/chats/route";
import * as sharedRoute from "@/app/api/chats/share/[shareId]/route";
import { guest, nobody, ownerOf, signedInUser, type TestCaller } from "../helpers/callers";
import { newChat } from "../helpers/chats";
import { callRoute } from "../helpers/http";

// Pinning and archiving (PATCH is_pinned / is_archived; GET /api/chats/?pinned=&archived=):
// the owner's alone, invisible to clients that never set them, junk refused.

vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  cacheTag: () => {},
  cacheLife: () => {},
}));

type ChatJson = { id: string; is_pinned: boolean; is_archived: boolean; updated_at: string };
type ListJson = { results: ChatJson[]; next_cursor: string | null };

const list = async (as: TestCaller, query = "") => {
  const response = await callRoute(listRoute.GET, {
    method: "GET",
    path: `/api/chats/${query}`,
    headers: as.headers,
  });
  return { status: response.status, body: (await response.json()) as ListJson };
};
const ids = async (as: TestCaller, query = "") =>
  (await list(as, query)).body.results.map((c) => c.id);

const patch = async (as: TestCaller, id: string, body: unknown) => {
  const response = await callRoute(chatRoute.PATCH, {
    method: "PATCH",
    path: `/api/chats/${id}/`,
    params: { id },
    headers: as.headers,
    body,
  });
  return { status: response.status, body: await response.json() };
};

describe.each([
  ["an account", () => signedInUser("pin-archive")],
  ["a guest", () => guest()],
])("pinning and archiving, for %s", (_label, caller) => {
  test("pinned chats are listed apart; archived ones leave the default list", async () => {
    const me = await caller();
    const owner = ownerOf(me);
    const [a, b, c] = [await newChat(owner), await newChat(owner), await newChat(owner)];

    // A new chat is neither; the default list is every chat, newest first.
    expect((await list(me)).body.results.map((x) => [x.is_pinned, x.is_archived])).toEqual([
      [false, false],
      [false, false],
      [false, false],
    ]);

    const pinned = await patch(me, a.id, { is_pinned: true });
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({ id: a.id, is_pinned: true, is_archived: false });
    // Pinning is not a change to the conversation: the chat keeps its place.
    expect(pinned.body.updated_at).toBe(a.updatedAt.toISOString());
    expect(await ids(me, "?pinned=true")).toEqual([a.id]);
    expect(await ids(me, "?pinned=false")).toEqual([c.id, b.id]);
    expect(await ids(me)).toEqual([c.id, b.id, a.id]);

    expect((await patch(me, b.id, { is_archived: true })).body.is_archived).toBe(true);
    expect(await ids(me)).toEqual([c.id, a.id]);
    expect(await ids(me, "?archived=true")).toEqual([b.id]);
    expect(await ids(me, "?archived=false")).toEqual([c.id, a.id]);
    expect(await ids(me, "?archived=all")).toEqual([c.id, b.id, a.id]);

    // An archived pinned chat stays pinned, out of sight until unarchived.
    await patch(me, a.id, { is_archived: true });
    expect(await ids(me, "?pinned=true")).toEqual([]);
    expect(await ids(me, "?pinned=true&archived=true")).toEqual([a.id]);
    await patch(me, a.id, { is_archived: false, is_pinned: false });
    expect(await ids(me, "?pinned=true&archived=all")).toEqual([]);
    expect(await ids(me)).toEqual([c.id, a.id]);
  });

  test("the archived list pages by keyset like the default one", async () => {
    const me = await caller();
    const owner = ownerOf(me);
    const archived: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const chat = await newChat(owner);
      await patch(me, chat.id, { is_archived: true });
      archived.unshift(chat.id);
    }
    await newChat(owner);
    const seen: string[] = [];
    let query = "?archived=true&limit=2";
    for (;;) {
      const page = await list(me, query);
      seen.push(...page.body.results.map((c) => c.id));
      if (!page.body.next_cursor) break;
      query = `?archived=true&limit=2&cursor=${page.body.next_cursor}`;
    }
    expect(seen).toEqual(archived);
  });
});

test("an archived shared chat keeps its link", async () => {
  const me = await signedInUser("archive-shared");
  const chat = await newChat(ownerOf(me));
  await patch(me, chat.id, { is_shared: true });
  await patch(me, chat.id, { is_archived: true });
  const response = await callRoute(sharedRoute.GET, {
    method: "GET",
    path: `/api/chats/share/${chat.shareId}/`,
    params: { shareId: chat.shareId },
  });
  expect(response.status).toBe(200);
  expect(await ids(me, "?shared=true&archived=all")).toEqual([chat.id]);
});

test("only the owner pins or archives; everyone else gets 404 and changes nothing", async () => {
  const me = await signedInUser("pin-owner");
  const chat = await newChat(ownerOf(me));
  for (const stranger of [await signedInUser("pin-stranger"), guest(), nobody]) {
    for (const body of [{ is_pinned: true }, { is_archived: true }]) {
      const response = await patch(stranger, chat.id, body);
      expect(response.status, stranger.label).toBe(404);
      expect(response.body.error.code).toBe("not_found");
    }
    expect(await ids(stranger, "?pinned=true&archived=all")).toEqual([]);
  }
  expect((await list(me, "?archived=all")).body.results).toMatchObject([
    { id: chat.id, is_pinned: false, is_archived: false },
  ]);
});

test("junk is refused with 400 and changes nothing", async () => {
  const me = await signedInUser("pin-junk");
  const chat = await newChat(ownerOf(me));
  for (const body of [
    { is_pinned: "true" },
    { is_pinned: 1 },
    { is_archived: null },
    { is_archived: "yes" },
    { is_pinned: true, pinned_at: "2026-01-01" },
    // All or nothing: the valid field of a refused body does not apply either.
    { is_pinned: true, is_archived: "no" },
  ]) {
    const response = await patch(me, chat.id, body);
    expect(response.status, JSON.stringify(body)).toBe(400);
    expect(response.body.error.code).toBe("validation_error");
  }
  for (const query of [
    "?pinned=yes",
    "?pinned=",
    "?archived=1",
    "?archived=ALL",
    "?archived=",
    "?pinned=true&pinned=false&archived=maybe",
  ]) {
    const response = await list(me, query);
    expect(response.status, query).toBe(400);
    expect((response.body as unknown as { error: { code: string } }).error.code).toBe(
      "validation_error",
    );
  }
  expect((await list(me, "?archived=all")).body.results).toMatchObject([
    { id: chat.id, is_pinned: false, is_archived: false },
  ]);
});
