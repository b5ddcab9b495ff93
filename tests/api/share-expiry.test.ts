import { NextRequest } from "next/server";
import { describe, expect, test, vi } from "vitest";
import * as continueRoute from "@/app/api/chats/share/[shareId]/continue/route";
import * as sharedRoute from "@/app/api/chats/share/[shareId]/route";
import * as sharePage from "@/app/chatbot/share/[shareId]/route";
import { listDiscoverableChats, type Owner, updateOwnedChat } from "@/db/queries/chats";
import { expireSharedChat, SHARE_CACHE_LIFE } from "@/lib/cache/public-cache";
import { getShareExposure } from "@/lib/chats/share-exposure";
import { SHARE_EXPIRES_IN_MAX } from "@/lib/validation/chat";
import { proxy } from "@/proxy";
import { guest, nobody, signedInUser } from "../helpers/callers";
import { newChat } from "../helpers/chats";
import { callRoute } from "../helpers/http";
import { chatDetail as chatOf, shareChat as share } from "../helpers/share-calls";

// Expiring share links (POST /api/chats/<id>/share/ with expires_in): the chat shows
// share_expires_at; past it the public read is 410 gone, the page 410 with the expired
// page (from the route itself and from the proxy), continue 410, the sitemap drops it.

vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  cacheTag: () => {},
  cacheLife: () => {},
}));

type ShareState = {
  is_shared: boolean;
  share_id: string;
  share_url: string | null;
  share_expires_at: string | null;
};

const publicRead = (shareId: string) =>
  callRoute(sharedRoute.GET, {
    method: "GET",
    path: `/api/chats/share/${shareId}/`,
    params: { shareId },
  });

const page = (shareId: string) =>
  sharePage.GET(new Request(`http://localhost:3000/chatbot/share/${shareId}`), {
    params: Promise.resolve({ shareId }),
  });

const proxied = (shareId: string, image = false) =>
  proxy(
    new NextRequest(
      `http://localhost:3000/chatbot/share/${shareId}${image ? "/opengraph-image" : ""}`,
    ),
  );

/** The link's expiry moved into the past behind the app's back, as time passing would. */
async function expireNow(owner: Owner, id: string) {
  await updateOwnedChat({ id, owner, changes: { shareExpiresAt: new Date(Date.now() - 1000) } });
}

async function sharedAccountChat() {
  const user = await signedInUser("expiry");
  const owner = { userId: user.userId };
  const chat = await newChat(owner, "Expiring");
  return { user, owner, chat };
}

const inSitemap = async (shareId: string) =>
  (await listDiscoverableChats({ after: null, limit: 100_000 })).some((r) => r.shareId === shareId);

describe("expires_in", () => {
  test("sets share_expires_at; before it 200, after it 410 everywhere public", async () => {
    const { user, owner, chat } = await sharedAccountChat();
    const before = Date.now();
    const shared = await share(user, chat.id, { is_shared: true, expires_in: 3600 });
    expect(shared.status).toBe(200);
    const body = shared.body as ShareState;
    expect(body.is_shared).toBe(true);
    const at = Date.parse(body.share_expires_at ?? "");
    expect(at).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 3600_000 + 1000);
    expect((await chatOf(user, chat.id)).share_expires_at).toBe(body.share_expires_at);

    const read = await publicRead(chat.shareId);
    expect(read.status).toBe(200);
    expect(Object.keys(await read.json())).not.toContain("share_expires_at");
    expect(read.headers.get("expires")).toBe(new Date(at).toUTCString());
    expect((await page(chat.shareId)).status).toBe(200);
    expect((await proxied(chat.shareId)).status).toBe(200);

    await expireNow(owner, chat.id);
    // No write expired anything: the cached exposure drops itself at its expiry.
    const gone = await publicRead(chat.shareId);
    expect(gone.status).toBe(410);
    expect(gone.headers.get("cache-control")).toBe("no-store");
    expect((await gone.json()).error.code).toBe("gone");

    const shown = await page(chat.shareId);
    expect(shown.status).toBe(410);
    expect(shown.headers.get("cache-control")).toBe("no-store");
    expect(await shown.text()).toContain("This link has expired");

    const copy = await callRoute(continueRoute.POST, {
      method: "POST",
      path: `/api/chats/share/${chat.shareId}/continue/`,
      params: { shareId: chat.shareId },
      headers: guest().headers,
    });
    expect(copy.status).toBe(410);
  });

  test("the proxy: s-maxage at most the seconds left, then 410 uncached; the image 404", async () => {
    const { user, owner, chat } = await sharedAccountChat();
    await share(user, chat.id, { expires_in: 20 });
    const live = await proxied(chat.shareId);
    expect(live.headers.get("cache-control")).toMatch(/s-maxage=(19|20),/);
    expect(Number(live.headers.get("x-edge-ttl"))).toBeLessThanOrEqual(20);
    expect(live.headers.get("expires")).not.toBeNull();

    await share(user, chat.id, { expires_in: 7200 });
    expect((await proxied(chat.shareId)).headers.get("cache-control")).toContain("s-maxage=60,");

    // Two hours on: the proxy's map holds the live answer, and no write expires its tag.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 7201_000 });
    try {
      const gone = await proxied(chat.shareId);
      expect(gone.status).toBe(410);
      expect(gone.headers.get("cache-control")).toBe("no-store");
      expect(gone.headers.get("xkey")).toBeNull();
      expect(await gone.text()).toContain("This link has expired");
      expect((await proxied(chat.shareId, true)).status).toBe(404);
      expect(await getShareExposure(chat.shareId)).toMatchObject({ shared: false, expired: true });
      expect((await page(chat.shareId)).status).toBe(410);
      expect((await publicRead(chat.shareId)).status).toBe(410);
    } finally {
      vi.useRealTimers();
    }
    // Back to now (the link is live again for this clock): nothing kept the 410.
    expect((await proxied(chat.shareId)).status).toBe(200);
    await expireNow(owner, chat.id);
    await expireSharedChat(chat.shareId);
    expect((await proxied(chat.shareId)).status).toBe(410);
  });

  test("a 1-second expiry, waited out, with nothing written in between", async () => {
    const { user, chat } = await sharedAccountChat();
    await share(user, chat.id, { expires_in: 1 });
    expect((await page(chat.shareId)).status).toBe(200);
    expect((await proxied(chat.shareId)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await proxied(chat.shareId)).status).toBe(410);
    expect((await page(chat.shareId)).status).toBe(410);
    expect((await publicRead(chat.shareId)).status).toBe(410);
  });

  test("extend, remove, and the defaults when expires_in is left out", async () => {
    const { user, owner, chat } = await sharedAccountChat();
    await share(user, chat.id, { is_shared: true, expires_in: 60 });
    await expireNow(owner, chat.id);
    await expireSharedChat(chat.shareId);
    expect((await publicRead(chat.shareId)).status).toBe(410);

    const extended = (await share(user, chat.id, { expires_in: 86_400 })).body as ShareState;
    expect(Date.parse(extended.share_expires_at ?? "")).toBeGreaterThan(Date.now() + 86_000_000);
    expect((await publicRead(chat.shareId)).status).toBe(200);
    expect((await page(chat.shareId)).status).toBe(200);
    expect((await proxied(chat.shareId)).status).toBe(200);

    // Left out while shared: the expiry stays.
    const kept = (await share(user, chat.id, { is_shared: true })).body as ShareState;
    expect(kept.share_expires_at).toBe(extended.share_expires_at);

    const removed = (await share(user, chat.id, { expires_in: null })).body as ShareState;
    expect(removed).toMatchObject({ is_shared: true, share_expires_at: null });

    // A new share with no expires_in never expires, whatever the chat had before.
    await share(user, chat.id, { expires_in: 60 });
    await share(user, chat.id, { is_shared: false });
    const anew = (await share(user, chat.id, { is_shared: true })).body as ShareState;
    expect(anew.share_expires_at).toBeNull();

    // An expired link shared again (no expires_in) comes back, with no expiry.
    await share(user, chat.id, { expires_in: 60 });
    await expireNow(owner, chat.id);
    const revived = (await share(user, chat.id, { is_shared: true })).body as ShareState;
    expect(revived.share_expires_at).toBeNull();
    expect((await publicRead(chat.shareId)).status).toBe(200);
  });

  test("the sitemap drops an expired link", async () => {
    const { user, owner, chat } = await sharedAccountChat();
    await updateOwnedChat({ id: chat.id, owner, changes: { isDiscoverable: true } });
    await share(user, chat.id, { is_shared: true, expires_in: 3600 });
    expect(await inSitemap(chat.shareId)).toBe(true);
    await expireNow(owner, chat.id);
    expect(await inSitemap(chat.shareId)).toBe(false);
    await share(user, chat.id, { expires_in: null });
    expect(await inSitemap(chat.shareId)).toBe(true);
  });

  test("the sitemap leaves out a link that expires before a cached sitemap would", async () => {
    const { user, owner, chat } = await sharedAccountChat();
    await updateOwnedChat({ id: chat.id, owner, changes: { isDiscoverable: true } });
    const life = SHARE_CACHE_LIFE.expire;
    await share(user, chat.id, { is_shared: true, expires_in: life - 10 });
    expect(await inSitemap(chat.shareId)).toBe(false);
    await share(user, chat.id, { expires_in: life + 60 });
    expect(await inSitemap(chat.shareId)).toBe(true);
  });
});

describe("refused, and nothing changes", () => {
  const junk: unknown[] = [
    { expires_in: -1 },
    { expires_in: 0 },
    { expires_in: "3600" },
    { expires_in: 1.5 },
    { expires_in: SHARE_EXPIRES_IN_MAX + 1 },
    { expires_in: 1e300 },
    { expires_in: true },
    { is_shared: false, expires_in: 60 },
    { is_shared: true, expires_in: 60, extra: 1 },
    { new_link: true },
    { is_shared: false, new_link: true },
    { new_link: "yes", is_shared: true },
  ];

  test.each(junk)("%j: 400", async (body) => {
    const { user, chat } = await sharedAccountChat();
    await share(user, chat.id, { is_shared: true, expires_in: 3600 });
    const before = await chatOf(user, chat.id);
    const refused = await share(user, chat.id, body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("validation_error");
    expect(await chatOf(user, chat.id)).toEqual(before);
  });

  test.each([
    ["another user", () => signedInUser("other")],
    ["a guest", async () => guest("other")],
    ["nobody", async () => nobody],
  ])("%s: 404", async (_label, makeCaller) => {
    const { user, chat } = await sharedAccountChat();
    await share(user, chat.id, { is_shared: true, expires_in: 3600 });
    const before = await chatOf(user, chat.id);
    const stranger = await makeCaller();
    for (const body of [{ expires_in: 60 }, { expires_in: null }, {}]) {
      const refused = await share(stranger, chat.id, body);
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe("not_found");
    }
    expect(await chatOf(user, chat.id)).toEqual(before);
  });
});
