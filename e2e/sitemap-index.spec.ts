import { type APIRequestContext, expect, test } from "@playwright/test";
import { isolatedDeployment } from "./support/servers";

// The sitemap at the protocol's real limit, 50,000 URLs, on a server and a PostgreSQL
// database of its own: one file up to the limit, an index of files past it, and a chat
// made private gone from its file at once.

test.describe.configure({ mode: "serial" });

const own = isolatedDeployment("sitemap");

async function get(path: string) {
  const response = await fetch(`${own.server.url}${path}`);
  return { status: response.status, body: await response.text() };
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? "");

async function discoverableChat(request: APIRequestContext, title: string) {
  const created = await request.post(`${own.server.url}/api/chats`, {
    data: { title, messages: [{ message_type: "user", content: `About ${title}` }] },
  });
  expect(created.status()).toBe(201);
  const chat = await created.json();
  const patched = await request.patch(`${own.server.url}/api/chats/${chat.id}`, {
    data: { is_shared: true, is_discoverable: true },
  });
  expect(patched.status()).toBe(200);
  return { id: chat.id as string, shareId: chat.share_id as string };
}

test("50,000 URLs are one file; one more chat makes an index of two files; a chat made private leaves at once", async ({
  request,
}) => {
  test.setTimeout(180_000);
  const email = `sitemap-${crypto.randomUUID()}@example.test`;
  const signedUp = await request.post(`${own.server.url}/api/register`, {
    data: { email, password: "a long enough password" },
  });
  expect(signedUp.status()).toBe(201);
  const first = await discoverableChat(request, "The first chat");
  const [user] = await own.sql`select id from users where email = ${email}`;
  // The home page, the first chat and these: 50,000 URLs.
  await own.sql`
    insert into chats_chat (user_id, title, share_id, is_shared, is_discoverable)
    select ${user?.id}, 'Seeded', 'seed' || lpad(n::text, 18, '0'), true, true
    from generate_series(1, 49998) n`;

  const single = await get("/sitemap.xml");
  expect(single.status).toBe(200);
  expect(single.body).toContain("<urlset");
  expect(locs(single.body)).toHaveLength(50_000);
  expect(single.body).toContain(`/chatbot/share/${first.shareId}</loc>`);
  expect((await get("/sitemaps/0.xml")).status).toBe(404);

  const last = await discoverableChat(request, "One chat too many");
  const index = await get("/sitemap.xml");
  expect(index.body).toContain("<sitemapindex");
  const files = locs(index.body).map((loc) => new URL(loc).pathname);
  expect(files).toEqual(["/sitemaps/0.xml", "/sitemaps/1.xml"]);
  const listed: string[] = [];
  for (const file of files) {
    const { status, body } = await get(file);
    expect(status).toBe(200);
    expect(body).toContain("<urlset");
    const urls = locs(body);
    expect(urls.length).toBeLessThanOrEqual(50_000);
    listed.push(...urls);
  }
  expect(listed).toHaveLength(50_001);
  expect(new Set(listed).size).toBe(50_001);
  expect(listed.filter((url) => url.includes(last.shareId))).toHaveLength(1);
  expect((await get("/sitemaps/2.xml")).status).toBe(404);

  // Private again: out of the sitemap at the next request, which is one file again.
  const privateAgain = await request.patch(`${own.server.url}/api/chats/${last.id}`, {
    data: { is_discoverable: false },
  });
  expect(privateAgain.status()).toBe(200);
  const back = await get("/sitemap.xml");
  expect(back.body).toContain("<urlset");
  expect(locs(back.body)).toHaveLength(50_000);
  expect(back.body).not.toContain(last.shareId);

  const robots = await get("/robots.txt");
  expect(robots.body).toMatch(/^Sitemap: https?:\/\/[^\s]+\/sitemap\.xml$/m);
});
