import { expect, test } from "@playwright/test";
import { SharePage } from "./pages/share";

// A snapshot link through the built app: its proxy, its "use cache" page and endpoint
// 10. The page shows the snapshot, redacted, and stays cached while the owner writes on;
// taking the snapshot again shows what came since, at once, under the same link.

const EMAIL = "jane.doe@gmail.com";

test("a snapshot link: redacted, unmoved by new messages and a rename, updated at once", async ({
  page,
  request,
}) => {
  const created = await request.post("/api/chats/", {
    data: {
      title: "Learning to paint",
      messages: [
        { message_type: "user", content: `Which paper? Mail me at ${EMAIL}` },
        { message_type: "assistant", content: "Cold-pressed, 300 gsm." },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const chat = await created.json();

  const check = await (await request.get(`/api/chats/${chat.id}/share/check/`)).json();
  expect(check.findings).toHaveLength(1);
  const snap = await request.post(`/api/chats/${chat.id}/share/`, {
    data: { mode: "snapshot", redact: "all" },
  });
  expect(snap.status()).toBe(200);
  const state = await snap.json();
  expect(state).toMatchObject({ is_shared: true, share_mode: "snapshot", share_id: chat.share_id });
  const shareId = state.share_id as string;

  const sharePage = new SharePage(page);
  await sharePage.open(shareId);
  await expect(sharePage.title()).toHaveText("Learning to paint");
  await expect(sharePage.conversation()).toContainText("Which paper? Mail me at [redacted]");
  await expect(sharePage.conversation()).not.toContainText(EMAIL);
  await expect(page.getByText(/Snapshot taken/)).toBeVisible();
  // Drawn once, then served from Next's cache.
  expect((await request.get(`/chatbot/share/${shareId}`)).headers()["x-share-cache"]).toBe("HIT");

  // The owner writes on: the page is not redrawn, and shows the snapshot still.
  const said = await request.post(`/api/chats/${chat.id}/messages/`, {
    data: { messages: [{ message_type: "user", content: "And which brushes?" }] },
  });
  expect(said.status()).toBe(201);
  const renamed = await request.patch(`/api/chats/${chat.id}/`, {
    data: { title: "Watercolour basics" },
  });
  expect(renamed.status()).toBe(200);
  const cached = await request.get(`/chatbot/share/${shareId}`);
  expect(cached.headers()["x-share-cache"]).toBe("HIT");
  const cachedHtml = await cached.text();
  expect(cachedHtml).not.toContain("And which brushes?");
  expect(cachedHtml).not.toContain("Watercolour basics");
  const read = await (await request.get(`/api/chats/share/${shareId}/`)).json();
  expect(read.title).toBe("Learning to paint");
  expect(read.messages).toHaveLength(2);

  // Taken again: the same link shows the new message and title at once, still redacted.
  const updated = await request.post(`/api/chats/${chat.id}/share/update/`, { data: {} });
  expect(updated.status()).toBe(200);
  expect((await updated.json()).share_id).toBe(shareId);
  await sharePage.open(shareId);
  await expect(sharePage.title()).toHaveText("Watercolour basics");
  await expect(sharePage.conversation()).toContainText("And which brushes?");
  await expect(sharePage.conversation()).not.toContainText(EMAIL);
  const after = await (await request.get(`/api/chats/share/${shareId}/`)).json();
  expect(after.messages).toHaveLength(3);

  // The owner's own chat was never redacted.
  const own = await (await request.get(`/api/chats/${chat.id}/`)).json();
  expect(own.messages[0].content).toContain(EMAIL);

  // Live again: the same link follows the chat.
  await request.post(`/api/chats/${chat.id}/share/`, { data: { mode: "live" } });
  await sharePage.open(shareId);
  await expect(sharePage.conversation()).toContainText(EMAIL);
  await expect(page.getByText(/Snapshot taken/)).toHaveCount(0);
});
