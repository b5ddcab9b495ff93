import { describe, expect, test, vi } from "vitest";
import * as listRoute from "@/app/api/chats/route";
import * as unshareAllRoute from "@/app/api/chats/unshare-all/route";
import { guest, nobody, ownerOf, signedInUser, type TestCaller } from "../helpers/callers";
import { newChat } from "../helpers/chats";
import { callRoute } from "../helpers/http";
import { publicStatus, shareChat } from "../helpers/share-calls";

// The caller's shared links (GET /api/chats/?shared=true) and revoking them all at once
// (POST /api/chats/unshare-all/): only the caller's, every link dead at once, junk refused.

vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  cacheTag: () => {},
  cacheLife: () => {},
}));

type Json = { results: { id: string; is_shared: boolean }[]; next_cursor: string | null };

const list = async (as: TestCaller, query: string) => {
  const response = await callRoute(listRoute.GET, {
    method: "GET",
    path: `/api/chats/${query}`,
    headers: as.headers,
  });
  return { status: response.status, body: (await response.json()) as Json };
};

const share = (as: TestCaller, id: string) => shareChat(as, id, { is_shared: true });

const unshareAll = async (as: TestCaller, headers: Record<string, string> = {}) => {
  const response = await callRoute(unshareAllRoute.POST, {
    method: "POST",
    path: "/api/chats/unshare-all/",
    headers: { ...as.headers, ...headers },
  });
  return { status: response.status, body: await response.json() };
};

describe.each([
  ["an account", () => signedInUser("shared-links")],
  ["a guest", () => guest()],
])("shared links of %s", (_label, caller) => {
  test("?shared=true lists only the caller's shared chats; unshare-all revokes each of them", async () => {
    const me = await caller();
    const other = await signedInUser("shared-links-other");
    const owner = ownerOf(me);
    const [a, b, kept] = [await newChat(owner), await newChat(owner), await newChat(owner)];
    const theirs = await newChat(ownerOf(other));
    for (const chat of [a, b]) expect((await share(me, chat.id)).status).toBe(200);
    expect((await share(other, theirs.id)).status).toBe(200);

    const shared = await list(me, "?shared=true");
    expect(shared.status).toBe(200);
    expect(shared.body.results.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    const private_ = await list(me, "?shared=false");
    expect(private_.body.results.map((c) => c.id)).toEqual([kept.id]);
    // Paged like the list: one at a time, both once.
    const first = await list(me, "?shared=true&limit=1");
    const second = await list(me, `?shared=true&limit=1&cursor=${first.body.next_cursor}`);
    expect([...first.body.results, ...second.body.results].map((c) => c.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    expect(second.body.next_cursor).toBeNull();

    expect(await unshareAll(me)).toEqual({ status: 200, body: { unshared: 2 } });
    expect((await list(me, "?shared=true")).body.results).toEqual([]);
    for (const chat of [a, b]) expect(await publicStatus(chat.shareId)).toBe(404);
    // Someone else's link stays.
    expect(await publicStatus(theirs.shareId)).toBe(200);
    expect(await unshareAll(me)).toEqual({ status: 200, body: { unshared: 0 } });
  });
});

test("a visitor with no identity has nothing shared and changes nothing", async () => {
  const other = await signedInUser("shared-links-visitor");
  const theirs = await newChat(ownerOf(other));
  await share(other, theirs.id);
  expect(await unshareAll(nobody)).toEqual({ status: 200, body: { unshared: 0 } });
  expect((await list(nobody, "?shared=true")).body.results).toEqual([]);
  expect(await publicStatus(theirs.shareId)).toBe(200);
});

test("junk is refused and changes nothing", async () => {
  const me = await signedInUser("shared-links-junk");
  const chat = await newChat(ownerOf(me));
  await share(me, chat.id);
  for (const query of ["?shared=maybe", "?shared=", "?shared=TRUE", "?shared=1"]) {
    const response = await list(me, query);
    expect(response.status, query).toBe(400);
  }
  // A cross-site POST is refused before anything is revoked.
  const crossSite = await unshareAll(me, { origin: "https://evil.example" });
  expect(crossSite.status).toBe(403);
  expect(await publicStatus(chat.shareId)).toBe(200);
  const { GET, PUT, PATCH, DELETE } = unshareAllRoute;
  for (const [method, handler] of Object.entries({ GET, PUT, PATCH, DELETE })) {
    const response = await callRoute(handler, {
      method,
      path: "/api/chats/unshare-all/",
      headers: me.headers,
    });
    expect(response.status, method).toBe(405);
  }
  expect(await publicStatus(chat.shareId)).toBe(200);
});
