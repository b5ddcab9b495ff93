import { type APIRequestContext, expect, test } from "@playwright/test";
import { SharePage } from "./pages/share";

const conversation = [
  { message_type: "user", content: "How can I learn **watercolour** painting?" },
  { message_type: "assistant", content: "Start with *three colours* and wet-on-wet washes." },
  { message_type: "user", content: "How long should I practise?" },
  { message_type: "assistant", content: "Twenty minutes a day beats a long weekend session." },
];

async function shareChat(request: APIRequestContext, extra: Record<string, unknown> = {}) {
  const created = await request.post("/api/chats", {
    data: { title: "Watercolour basics", messages: conversation },
  });
  const chat = await created.json();
  const patched = await request.patch(`/api/chats/${chat.id}`, {
    data: { is_shared: true, ...extra },
  });
  expect(patched.status()).toBe(200);
  return { id: chat.id as string, shareId: chat.share_id as string };
}

test("anyone reads a shared chat, read-only, with no owner data", async ({ request, browser }) => {
  const { shareId } = await shareChat(request);
  const context = await browser.newContext();
  const page = await context.newPage();
  const share = new SharePage(page);
  const response = await share.open(shareId);
  expect(response?.status()).toBe(200);
  await expect(share.title()).toHaveText("Watercolour basics");
  await expect(page.getByText(/^Shared on /)).toBeVisible();
  await expect(share.conversation().getByRole("listitem")).toHaveCount(4);
  await expect(share.conversation().locator("strong", { hasText: "watercolour" })).toHaveCount(0);
  await expect(share.conversation().locator("em", { hasText: "three colours" })).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain("skillmate_guest");
  expect(html).not.toMatch(/user_id|guest_id|@example/);
  await context.close();
});

test("metadata: title, description, canonical, Open Graph, Twitter card, noindex by default", async ({
  request,
}) => {
  const { shareId } = await shareChat(request);
  const response = await request.get(`/chatbot/share/${shareId}`);
  expect(response.headers()["x-robots-tag"]).toBe("noindex, nofollow");
  expect(response.headers()["cache-control"]).toMatch(/s-maxage=60\b/);
  expect(response.headers()["cache-control"]).not.toMatch(/s-maxage=2592000/);
  const html = await response.text();
  expect(html).toContain("<title>Watercolour basics · SkillMate Chats</title>");
  expect(html).toMatch(
    /<meta name="description" content="How can I learn watercolour painting\? — Start with three colours/,
  );
  expect(html).toMatch(new RegExp(`<link rel="canonical" href="[^"]+/chatbot/share/${shareId}"`));
  expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
  expect(html).toContain('<meta property="og:title" content="Watercolour basics">');
  expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
  expect(html).not.toContain("application/ld+json");

  const image = html.match(/<meta property="og:image" content="([^"]+)"/)?.[1];
  expect(image).toBeTruthy();
  const png = await request.get(
    new URL(image as string).pathname + new URL(image as string).search,
  );
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  const bytes = await png.body();
  // PNG header, then the IHDR chunk's width and height.
  expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  expect(bytes.readUInt32BE(16)).toBe(1200);
  expect(bytes.readUInt32BE(20)).toBe(630);
});

test("a discoverable chat is indexable, has JSON-LD, and is in the sitemap", async ({
  request,
}) => {
  // Only accounts publish to search engines.
  const email = `publisher-${crypto.randomUUID()}@example.test`;
  const signedUp = await request.post("/api/register", {
    data: { email, password: "a long enough password" },
  });
  expect(signedUp.status()).toBe(201);
  const { id, shareId } = await shareChat(request, { is_discoverable: true });
  const response = await request.get(`/chatbot/share/${shareId}`);
  expect(response.headers()["x-robots-tag"]).toBeUndefined();
  const html = await response.text();
  expect(html).toContain('<meta name="robots" content="index, follow">');
  const ld = JSON.parse(
    html.match(/<script type="application\/ld\+json">(.*?)<\/script>/)?.[1] ?? "{}",
  );
  expect(ld).toMatchObject({ "@type": "DiscussionForumPosting", headline: "Watercolour basics" });
  expect(ld.comment).toHaveLength(3);

  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain(`/chatbot/share/${shareId}</loc>`);
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/Sitemap: .*\/sitemap\.xml/);

  // Back to private: out of the sitemap, noindex again, at once.
  await request.patch(`/api/chats/${id}`, { data: { is_discoverable: false } });
  expect(await (await request.get("/sitemap.xml")).text()).not.toContain(shareId);
  expect((await request.get(`/chatbot/share/${shareId}`)).headers()["x-robots-tag"]).toBe(
    "noindex, nofollow",
  );
});

test("unknown, malformed, unshared and deleted chats are a 404 marked noindex", async ({
  request,
}) => {
  const { id, shareId } = await shareChat(request);
  const { id: otherId, shareId: otherShareId } = await shareChat(request);
  expect((await request.get(`/chatbot/share/${shareId}`)).status()).toBe(200);
  await request.post(`/api/chats/${id}/share`, { data: { is_shared: false } });
  await request.delete(`/api/chats/${otherId}`);
  for (const candidate of [
    shareId,
    otherShareId,
    "AAAAAAAAAAAAAAAAAAAAAA",
    "not-a-share-id",
    "%3Cscript%3E",
  ]) {
    const response = await request.get(`/chatbot/share/${candidate}`);
    expect(response.status(), candidate).toBe(404);
    expect(await response.text()).toMatch(/<meta name="robots" content="noindex/);
  }
});

test("the next request after a new message shows it", async ({ request }) => {
  const { id, shareId } = await shareChat(request);
  expect(await (await request.get(`/chatbot/share/${shareId}`)).text()).not.toContain(
    "Try a limited palette",
  );
  await request.post(`/api/chats/${id}/message`, {
    data: { message_type: "assistant", content: "Try a limited palette." },
  });
  expect(await (await request.get(`/chatbot/share/${shareId}`)).text()).toContain(
    "Try a limited palette",
  );
});

test("Continue this conversation copies the chat into a new one of the visitor", async ({
  request,
  browser,
}) => {
  const { id, shareId } = await shareChat(request);
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  const share = new SharePage(page);
  await share.open(shareId);
  await share.copyLink();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
    new RegExp(`/chatbot/share/${shareId}$`),
  );

  await share.continueConversation();
  const newId = page.url().split("/").at(-1) as string;
  expect(newId).not.toBe(id);
  const copy = await (await context.request.get(`/api/chats/${newId}`)).json();
  expect(copy.title).toBe("Watercolour basics");
  expect(copy.messages.map((m: { content: string }) => m.content)).toEqual(
    conversation.map((m) => m.content),
  );
  await expect(page.getByText("Twenty minutes a day beats a long weekend session.")).toBeVisible();

  // The original is untouched and still the sharer's only.
  const original = await (await request.get(`/api/chats/${id}`)).json();
  expect(original.message_count).toBe(4);
  expect((await context.request.get(`/api/chats/${id}`)).status()).toBe(404);
  await context.close();
});
