import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { copyBuild, createDatabase, type Server, startServer } from "./support/servers";

// What an anonymous visitor can make the server keep: nothing, for ids it makes up.
// A server of its own (own build copy, own database) so that nothing else writes there.

test.describe.configure({ mode: "serial" });

let db: Awaited<ReturnType<typeof createDatabase>>;
let sql: ReturnType<typeof postgres>;
let build: ReturnType<typeof copyBuild>;
let server: Server;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await createDatabase();
  sql = postgres(db.url, { max: 1, onnotice: () => {} });
  build = copyBuild("abuse");
  server = await startServer({
    DATABASE_URL: db.url,
    NEXT_DIST_DIR: build.distDir,
    NODE_OPTIONS: `--require ${path.resolve("e2e/support/no-outbound.cjs")}`,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await sql?.end();
  await db?.drop();
  build?.remove();
});

/** Files and bytes under a directory, recursively. */
function footprint(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

async function rowCounts(): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables where table_schema = 'public'`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await sql.unsafe(`select count(*)::int as n from "${name}"`);
    counts[name] = row?.n ?? -1;
  }
  return counts;
}

const randomShareId = () =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(17)))
    .toString("base64url")
    .slice(0, 22);

test("1,000 made-up share ids: every OG image, page and API answer is 404, and nothing is written", async () => {
  test.setTimeout(240_000);
  // Warm up once, so that lazily written build files are not counted as growth: Next
  // copies the build's prerendered placeholder page into its route cache on first read
  // (one fixed path, once, whoever asks).
  for (const path of [randomShareId(), `${randomShareId()}/opengraph-image`, "__placeholder__"]) {
    await (await fetch(`${server.url}/chatbot/share/${path}`)).arrayBuffer();
  }
  const before = footprint(build.distDir);
  const rowsBefore = await rowCounts();

  const malformed = ["x", "..%2F..%2Fetc", "a".repeat(200), "%00", "__placeholder__"];
  const ids = [...Array.from({ length: 1000 }, randomShareId), ...malformed];
  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  for (let i = 0; i < ids.length; i += 20) {
    await Promise.all(
      ids.slice(i, i + 20).map(async (id) => {
        const image = await fetch(`${server.url}/chatbot/share/${id}/opengraph-image`);
        count(image.status);
        await image.arrayBuffer();
      }),
    );
  }
  for (const id of [...ids.slice(0, 100), ...malformed]) {
    const page = await fetch(`${server.url}/chatbot/share/${id}`);
    count(page.status);
    await page.text();
    const api = await fetch(`${server.url}/api/chats/share/${id}`);
    count(api.status);
    await api.text();
  }
  expect(Object.fromEntries(statuses)).toEqual({ 404: ids.length + 2 * 105 });
  expect(footprint(build.distDir)).toEqual(before);
  expect(await rowCounts()).toEqual(rowsBefore);
});

test("a real shared chat in any script: its OG image is drawn with no request to the network", async ({
  request,
}) => {
  const created = await request.post(`${server.url}/api/chats`, {
    data: {
      title: "学习国际象棋 🎉 Learning chess ♟️",
      messages: [
        { message_type: "user", content: "How do I learn chess? 😀 مرحبا नमस्ते Привет" },
        { message_type: "assistant", content: "Start with the **rules** 👍, then play daily." },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const shared = await (
    await request.post(`${server.url}/api/chats/${id}/share`, { data: {} })
  ).json();
  const image = await fetch(`${server.url}/chatbot/share/${shared.share_id}/opengraph-image`);
  expect(image.status).toBe(200);
  expect(image.headers.get("content-type")).toBe("image/png");
  const png = Buffer.from(await image.arrayBuffer());
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(png.readUInt32BE(16)).toBe(1200);
  expect(png.readUInt32BE(20)).toBe(630);
  expect(server.output()).not.toContain("[outbound]");
  expect(server.output()).not.toMatch(/Failed to load dynamic font|fetch failed/);
});
