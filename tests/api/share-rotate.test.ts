import { describe, expect, test, vi } from "vitest";
import * as rotateRoute from "@/app/api/chats/[id]/share/rotate/route";
import * as sharePage from "@/app/chatbot/share/[shareId]/route";
import { shareTag } from "@/lib/cache/public-cache";
import { getShareExposure } from "@/lib/chats/share-exposure";
import { guest, nobody, signedInUser, type TestCaller } from "../helpers/callers";
import { newChat } from "../helpers/chats";
import { recordExpiredTags } from "../helpers/expired-tags";
import { callRoute } from "../helpers/http";
import { chatDetail as chatOf, publicStatus, shareChat as share } from "../helpers/share-calls";

// Rotating a share link (POST /api/chats/<id>/share/rotate/) and re-sharing with a new
// one ({"is_shared": true, "new_link": true}): the old link is 404 at once (its tag
// expired, the proxy's answer for it dropped), the new one works at once.

vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  cacheTag: () => {},
  cacheLife: () => {},
}));

const expired = recordExpiredTags();

type ShareState = { is_shared: boolean; share_id: string; share_url: string | null };

const rotate = async (as: TestCaller, id: string, method = "POST") => {
  const { POST, GET, PUT, PATCH, DELETE } = rotateRoute;
  const handler = { POST, GET, PUT, PATCH, DELETE }[method] ?? POST;
  const response = await callRoute(handler, {
    method,
    path: `/api/chats/${id}/share/rotate/`,
    params: { id },
    headers: as.headers,
  });
  return { status: response.status, body: await response.json() };
};

const pageStatus = async (shareId: string) =>
  (
    await sharePage.GET(new Request(`http://localhost:3000/chatbot/share/${shareId}`), {
      params: Promise.resolve({ shareId }),
    })
  ).status;

async function sharedChat() {
  const user = await signedInUser("rotate");
  const chat = await newChat({ userId: user.userId }, "Rotating");
  await share(user, chat.id, { is_shared: true });
  return { user, chat };
}

describe("rotate", () => {
  test("a new share_id: the old link 404, the new one 200 at once; the old tag expired", async () => {
    const { user, chat } = await sharedChat();
    expect(await publicStatus(chat.shareId)).toBe(200);
    expect(await pageStatus(chat.shareId)).toBe(200);
    expect((await getShareExposure(chat.shareId)).shared).toBe(true);
    expired.length = 0;

    const rotated = await rotate(user, chat.id);
    expect(rotated.status).toBe(200);
    const body = rotated.body as ShareState;
    expect(body.share_id).not.toBe(chat.shareId);
    expect(body.share_id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body).toMatchObject({
      is_shared: true,
      share_url: `http://localhost:3000/chatbot/share/${body.share_id}`,
    });
    expect(expired).toContain(shareTag(chat.shareId));
    expect((await chatOf(user, chat.id)).share_id).toBe(body.share_id);

    expect((await getShareExposure(chat.shareId)).shared).toBe(false);
    expect(await publicStatus(chat.shareId)).toBe(404);
    expect(await pageStatus(chat.shareId)).toBe(404);
    expect(await publicStatus(body.share_id)).toBe(200);
    expect(await pageStatus(body.share_id)).toBe(200);
  });

  test("an unshared chat gets a fresh id for next time, and stays unshared", async () => {
    const { user, chat } = await sharedChat();
    await share(user, chat.id, { is_shared: false });
    const rotated = (await rotate(user, chat.id)).body as ShareState;
    expect(rotated).toMatchObject({ is_shared: false, share_url: null });
    expect(rotated.share_id).not.toBe(chat.shareId);
    expect(await publicStatus(rotated.share_id)).toBe(404);
    const again = (await share(user, chat.id, { is_shared: true })).body as ShareState;
    expect(again.share_id).toBe(rotated.share_id);
    expect(await publicStatus(rotated.share_id)).toBe(200);
    expect(await publicStatus(chat.shareId)).toBe(404);
  });

  test("an expiry is kept across a rotation", async () => {
    const { user, chat } = await sharedChat();
    const expiring = (await share(user, chat.id, { expires_in: 600 })).body;
    const rotated = (await rotate(user, chat.id)).body;
    expect(rotated.share_expires_at).toBe(expiring.share_expires_at);
  });
});

describe("re-sharing", () => {
  test("revives the old link by default, or issues a new one with new_link", async () => {
    const { user, chat } = await sharedChat();
    await share(user, chat.id, { is_shared: false });
    expect(await publicStatus(chat.shareId)).toBe(404);
    const revived = (await share(user, chat.id, { is_shared: true })).body as ShareState;
    expect(revived.share_id).toBe(chat.shareId);
    expect(await publicStatus(chat.shareId)).toBe(200);

    await share(user, chat.id, { is_shared: false });
    expired.length = 0;
    const renewed = (await share(user, chat.id, { is_shared: true, new_link: true }))
      .body as ShareState;
    expect(renewed.is_shared).toBe(true);
    expect(renewed.share_id).not.toBe(chat.shareId);
    expect(expired).toContain(shareTag(chat.shareId));
    expect(await publicStatus(chat.shareId)).toBe(404);
    expect(await publicStatus(renewed.share_id)).toBe(200);
    expect(await pageStatus(renewed.share_id)).toBe(200);

    const same = (await share(user, chat.id, { is_shared: true, new_link: false }))
      .body as ShareState;
    expect(same.share_id).toBe(renewed.share_id);
  });
});

describe("refused, and nothing changes", () => {
  test.each([
    ["another user", () => signedInUser("other")],
    ["a guest", async () => guest("other")],
    ["nobody", async () => nobody],
  ])("%s: 404", async (_label, makeCaller) => {
    const { user, chat } = await sharedChat();
    const before = await chatOf(user, chat.id);
    const stranger = await makeCaller();
    const refused = await rotate(stranger, chat.id);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("not_found");
    const renewed = await share(stranger, chat.id, { is_shared: true, new_link: true });
    expect(renewed.status).toBe(404);
    expect(await chatOf(user, chat.id)).toEqual(before);
    expect(await publicStatus(chat.shareId)).toBe(200);
  });

  test("junk ids: 404", async () => {
    const user = await signedInUser("rotate-junk");
    for (const id of ["not-a-uuid", crypto.randomUUID(), "", "' or 1=1 --"]) {
      expect((await rotate(user, id)).status).toBe(404);
    }
  });

  test("a cross-site request: 403, nothing changes", async () => {
    const { user, chat } = await sharedChat();
    const response = await callRoute(rotateRoute.POST, {
      method: "POST",
      path: `/api/chats/${chat.id}/share/rotate/`,
      params: { id: chat.id },
      headers: { ...user.headers, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(response.status).toBe(403);
    expect((await chatOf(user, chat.id)).share_id).toBe(chat.shareId);
  });

  test.each(["GET", "PUT", "PATCH", "DELETE"])("%s: 405", async (method) => {
    const { user, chat } = await sharedChat();
    const refused = await rotate(user, chat.id, method);
    expect(refused.status).toBe(405);
    expect(refused.body.error.code).toBe("method_not_allowed");
    expect((await chatOf(user, chat.id)).share_id).toBe(chat.shareId);
  });
});
