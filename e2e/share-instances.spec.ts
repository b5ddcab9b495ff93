import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { shareChatOverHttp } from "../tests/support/share-over-http";
import { copyBuild, createDatabase, type Server, startServer } from "./support/servers";

// Two production servers from separate build copies on one PostgreSQL database: the
// deployment shape in which Next's per-process caches would keep a revoked page alive.

test.describe.configure({ mode: "serial" });

let db: Awaited<ReturnType<typeof createDatabase>>;
let builds: ReturnType<typeof copyBuild>[] = [];
let a: Server;
let b: Server;
let sql: ReturnType<typeof postgres>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await createDatabase();
  sql = postgres(db.url, { max: 1, onnotice: () => {} });
  builds = [copyBuild("a"), copyBuild("b")];
  const [buildA, buildB] = builds;
  a = await startServer({ DATABASE_URL: db.url, NEXT_DIST_DIR: buildA?.distDir ?? "" });
  b = await startServer({ DATABASE_URL: db.url, NEXT_DIST_DIR: buildB?.distDir ?? "" });
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sql?.end();
  await db?.drop();
  for (const build of builds) build.remove();
});

// Made through one instance by a new guest; `cookie` acts as that guest on either.
const sharedChat = (base: string) =>
  shareChatOverHttp(base, {
    title: "Learning to sail",
    messages: [
      { message_type: "user", content: "How do I learn to sail a dinghy?" },
      { message_type: "assistant", content: "Take a **beginner course** at a local club." },
    ],
  });

const page = (base: string, shareId: string) => fetch(`${base}/chatbot/share/${shareId}`);
const api = (base: string, shareId: string) => fetch(`${base}/api/chats/share/${shareId}`);

test("a cached share page is served without reading the chat again", async () => {
  const { id, shareId } = await sharedChat(a.url);
  const first = await page(a.url, shareId);
  expect(first.status).toBe(200);
  expect(await first.text()).toContain("Learning to sail");
  expect((await api(a.url, shareId)).status).toBe(200);

  // Changed behind the app's back: only a read of the database could see it.
  await sql`update chats_chat set title = 'Changed in the database' where id = ${id}`;
  const again = await page(a.url, shareId);
  expect(again.headers.get("x-share-cache")).toBe("HIT");
  const html = await again.text();
  expect(html).toContain("Learning to sail");
  expect(html).not.toContain("Changed in the database");
  expect((await (await api(a.url, shareId)).json()).title).toBe("Learning to sail");
});

test("unsharing through one instance is a 404 on the other at the very next request", async ({
  request,
}) => {
  const { id, shareId, cookie } = await sharedChat(a.url);
  for (const server of [a, b]) {
    expect((await page(server.url, shareId)).status).toBe(200);
    expect((await page(server.url, shareId)).headers.get("x-share-cache")).toBe("HIT");
    expect((await api(server.url, shareId)).status).toBe(200);
  }

  expect(
    (
      await request.post(`${a.url}/api/chats/${id}/share`, {
        data: { is_shared: false },
        headers: { cookie },
      })
    ).status(),
  ).toBe(200);
  expect((await page(b.url, shareId)).status).toBe(404);
  expect((await api(b.url, shareId)).status).toBe(404);
  expect((await page(a.url, shareId)).status).toBe(404);

  // Re-sharing through the other instance brings it back everywhere, same link.
  const reshared = await request.post(`${b.url}/api/chats/${id}/share`, {
    data: { is_shared: true },
    headers: { cookie },
  });
  expect((await reshared.json()).share_id).toBe(shareId);
  expect((await page(a.url, shareId)).status).toBe(200);
});

test("a new message through one instance shows on the other's cached page at once", async ({
  request,
}) => {
  const { id, shareId, cookie } = await sharedChat(a.url);
  expect(await (await page(b.url, shareId)).text()).not.toContain("Capsize drills");
  const saved = await request.post(`${a.url}/api/chats/${id}/message`, {
    data: { message_type: "assistant", content: "Capsize drills come first." },
    headers: { cookie },
  });
  expect(saved.status()).toBe(201);
  expect(await (await page(b.url, shareId)).text()).toContain("Capsize drills");
  expect(JSON.stringify(await (await api(b.url, shareId)).json())).toContain("Capsize drills");
});

test("deleting through one instance kills the link on both", async ({ request }) => {
  const { id, shareId, cookie } = await sharedChat(b.url);
  expect((await page(a.url, shareId)).status).toBe(200);
  expect((await request.delete(`${b.url}/api/chats/${id}`, { headers: { cookie } })).status()).toBe(
    204,
  );
  expect((await page(a.url, shareId)).status).toBe(404);
  expect((await api(a.url, shareId)).status).toBe(404);
});

test("rotating through one instance: the old link 404 on the other at once, the new one 200", async ({
  request,
}) => {
  const { id, shareId, cookie } = await sharedChat(a.url);
  for (const server of [a, b]) {
    expect((await page(server.url, shareId)).status).toBe(200);
    expect((await page(server.url, shareId)).headers.get("x-share-cache")).toBe("HIT");
  }
  const rotated = await request.post(`${a.url}/api/chats/${id}/share/rotate`, {
    headers: { cookie },
  });
  expect(rotated.status()).toBe(200);
  const newId = (await rotated.json()).share_id as string;
  expect(newId).not.toBe(shareId);
  expect((await page(b.url, shareId)).status).toBe(404);
  expect((await api(b.url, shareId)).status).toBe(404);
  expect((await page(b.url, newId)).status).toBe(200);
  expect((await page(a.url, shareId)).status).toBe(404);
});

test("a link that expires, cached on both instances, is 410 on both once past it", async ({
  request,
}) => {
  const { id, shareId, cookie } = await sharedChat(b.url);
  const shared = await request.post(`${b.url}/api/chats/${id}/share`, {
    data: { expires_in: 2 },
    headers: { cookie },
  });
  expect(shared.status()).toBe(200);
  const expiresAt = Date.parse((await shared.json()).share_expires_at);
  for (const server of [a, b]) {
    expect((await page(server.url, shareId)).status).toBe(200);
    expect((await page(server.url, shareId)).headers.get("x-share-cache")).toBe("HIT");
  }
  await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 200));
  for (const server of [a, b]) {
    expect((await page(server.url, shareId)).status).toBe(410);
    expect((await api(server.url, shareId)).status).toBe(410);
  }
});
