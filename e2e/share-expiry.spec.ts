import { type APIRequestContext, expect, test } from "@playwright/test";

// Expiring and rotated share links through the built app: its proxy, its "use cache"
// page and endpoint 10 (docs/caching.md, Expiring links).

async function sharedChat(request: APIRequestContext, share: Record<string, unknown>) {
  const created = await request.post("/api/chats/", {
    data: { title: "Short-lived", messages: [{ message_type: "user", content: "Hello?" }] },
  });
  expect(created.status()).toBe(201);
  const chat = await created.json();
  const shared = await request.post(`/api/chats/${chat.id}/share/`, { data: share });
  expect(shared.status()).toBe(200);
  return { id: chat.id as string, state: await shared.json() };
}

test("a link shared for 2 seconds: cached and served, then 410 with the expired page", async ({
  request,
}) => {
  const { state } = await sharedChat(request, { is_shared: true, expires_in: 2 });
  expect(state.share_expires_at).not.toBeNull();
  const shareId = state.share_id as string;

  const first = await request.get(`/chatbot/share/${shareId}`);
  expect(first.status()).toBe(200);
  expect(first.headers()["cache-control"]).toMatch(/s-maxage=[0-2],/);
  expect(first.headers().expires).toBe(new Date(state.share_expires_at).toUTCString());
  // Drawn once, then from Next's cache: the cached entry outlives the link below.
  expect((await request.get(`/chatbot/share/${shareId}`)).headers()["x-share-cache"]).toBe("HIT");
  expect((await request.get(`/api/chats/share/${shareId}/`)).status()).toBe(200);

  await new Promise((resolve) =>
    setTimeout(resolve, Date.parse(state.share_expires_at) - Date.now() + 200),
  );

  const page = await request.get(`/chatbot/share/${shareId}`);
  expect(page.status()).toBe(410);
  expect(page.headers()["cache-control"]).toBe("no-store");
  expect(page.headers().xkey).toBeUndefined();
  expect(await page.text()).toContain("This link has expired");
  const api = await request.get(`/api/chats/share/${shareId}/`);
  expect(api.status()).toBe(410);
  expect((await api.json()).error.code).toBe("gone");
  expect((await request.get(`/chatbot/share/${shareId}/opengraph-image`)).status()).toBe(404);
  const copy = await request.post(`/api/chats/share/${shareId}/continue/`);
  expect(copy.status()).toBe(410);
});

test("extending an expired link brings it back at once", async ({ request }) => {
  const { id, state } = await sharedChat(request, { expires_in: 1 });
  await new Promise((resolve) => setTimeout(resolve, 1300));
  expect((await request.get(`/chatbot/share/${state.share_id}`)).status()).toBe(410);
  const extended = await request.post(`/api/chats/${id}/share/`, { data: { expires_in: null } });
  expect((await extended.json()).share_expires_at).toBeNull();
  const page = await request.get(`/chatbot/share/${state.share_id}`);
  expect(page.status()).toBe(200);
  expect(page.headers()["cache-control"]).toContain("s-maxage=60,");
});

test("rotating: the old link 404 at the next request, the new one 200 at once", async ({
  request,
}) => {
  const { id, state } = await sharedChat(request, { is_shared: true });
  const oldId = state.share_id as string;
  expect((await request.get(`/chatbot/share/${oldId}`)).status()).toBe(200);
  expect((await request.get(`/chatbot/share/${oldId}`)).headers()["x-share-cache"]).toBe("HIT");

  const rotated = await request.post(`/api/chats/${id}/share/rotate/`);
  expect(rotated.status()).toBe(200);
  const newId = (await rotated.json()).share_id as string;
  expect(newId).not.toBe(oldId);
  expect((await request.get(`/chatbot/share/${oldId}`)).status()).toBe(404);
  expect((await request.get(`/api/chats/share/${oldId}/`)).status()).toBe(404);
  expect((await request.get(`/chatbot/share/${newId}`)).status()).toBe(200);
  expect((await request.get(`/api/chats/share/${newId}/`)).status()).toBe(200);

  // Unshared, then shared again with a new link.
  await request.post(`/api/chats/${id}/share/`, { data: { is_shared: false } });
  const renewed = await request.post(`/api/chats/${id}/share/`, {
    data: { is_shared: true, new_link: true },
  });
  const third = (await renewed.json()).share_id as string;
  expect(third).not.toBe(newId);
  expect((await request.get(`/chatbot/share/${newId}`)).status()).toBe(404);
  expect((await request.get(`/chatbot/share/${third}`)).status()).toBe(200);
});
