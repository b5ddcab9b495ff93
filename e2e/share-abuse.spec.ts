import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { shareChatOverHttp } from "../tests/support/share-over-http";
import { isolatedDeployment } from "./support/servers";

// What an anonymous visitor can make the server keep: nothing, for ids it makes up.
// A server of its own (own build copy, own PostgreSQL database) so that nothing else
// writes there, with every outbound request refused and logged (no-outbound.cjs).

test.describe.configure({ mode: "serial" });

const own = isolatedDeployment("abuse", {
  NODE_OPTIONS: `--require ${path.resolve("e2e/support/no-outbound.cjs")}`,
});

/** Every file under a directory, recursively, with its size. */
function files(dir: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.set(path.relative(dir, file), statSync(file).size);
  }
  return found;
}

const totalBytes = (found: Map<string, number>) => [...found.values()].reduce((a, b) => a + b, 0);

async function rowCounts(): Promise<Record<string, number>> {
  const tables = await own.sql<{ name: string }[]>`
    select table_name as name from information_schema.tables where table_schema = 'public'`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await own.sql.unsafe(`select count(*)::int as n from "${name}"`);
    counts[name] = row?.n ?? -1;
  }
  return counts;
}

const randomShareId = () =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(17)))
    .toString("base64url")
    .slice(0, 22);

const MALFORMED = ["x", "..%2F..%2Fetc", "a".repeat(200), "%00", "__placeholder__", "%F0%9F%98%80"];

/** Requests every URL, 20 at a time, and counts the statuses. */
async function statusesOf(urls: string[]): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  for (let i = 0; i < urls.length; i += 20) {
    await Promise.all(
      urls.slice(i, i + 20).map(async (url) => {
        const response = await fetch(`${own.server.url}${url}`);
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }),
    );
  }
  return statuses;
}

const sharedChat = (title: string, content: string) =>
  shareChatOverHttp(own.server.url, {
    title,
    messages: [
      { message_type: "user", content },
      { message_type: "assistant", content: "Start with the **rules** 👍, then play daily." },
    ],
  });

test("1,000 made-up share ids: every OG image, page and API answer is 404, and nothing is written", async () => {
  test.setTimeout(300_000);
  const start = files(own.distDir);
  // The first request for the build's prerendered placeholder page makes Next copy it
  // into its route cache: one fixed path, once, whoever asks.
  await statusesOf([
    "/chatbot/share/__placeholder__",
    `/chatbot/share/${randomShareId()}`,
    `/chatbot/share/${randomShareId()}/opengraph-image`,
  ]);
  const before = files(own.distDir);
  const added = [...before.keys()].filter((file) => !start.has(file));
  expect(
    added.every((file) => file.includes("__placeholder__")),
    added.join("\n"),
  ).toBe(true);
  const rowsBefore = await rowCounts();

  const ids = [...Array.from({ length: 1000 }, randomShareId), ...MALFORMED];
  const answers = {
    image: await statusesOf(ids.map((id) => `/chatbot/share/${id}/opengraph-image`)),
    page: await statusesOf(ids.map((id) => `/chatbot/share/${id}`)),
    api: await statusesOf(ids.map((id) => `/api/chats/share/${id}`)),
  };
  const all404 = { 404: ids.length };
  expect(answers).toEqual({ image: all404, page: all404, api: all404 });

  const after = files(own.distDir);
  expect([...after.keys()].filter((file) => !before.has(file))).toEqual([]);
  expect(totalBytes(after)).toBe(totalBytes(before));
  expect(await rowCounts()).toEqual(rowsBefore);
});

test("a real shared chat: its page and OG image are drawn and then served from the cache", async () => {
  const { shareId } = await sharedChat("Learning chess", "How do I learn chess?");
  // The page is kept in memory ("use cache"), the image by Next's page cache, on disk.
  for (const [url, header] of [
    [`/chatbot/share/${shareId}`, "x-share-cache"],
    [`/chatbot/share/${shareId}/opengraph-image`, "x-nextjs-cache"],
  ] as const) {
    const first = await fetch(`${own.server.url}${url}`);
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const second = await fetch(`${own.server.url}${url}`);
    expect(second.status).toBe(200);
    expect(second.headers.get(header), url).toBe("HIT");
    await second.arrayBuffer();
  }
  const stored = [...files(own.distDir).keys()].filter((file) => file.includes(shareId));
  expect(stored.some((file) => file.endsWith("opengraph-image.body"))).toBe(true);
});

test("an unshared chat's page is a 404 at once, and a re-share draws it afresh", async ({
  request,
}) => {
  const { id, shareId, cookie } = await sharedChat("Learning go", "How do I learn go?");
  const url = `${own.server.url}/chatbot/share/${shareId}`;
  const share = (isShared: boolean) =>
    request.post(`${own.server.url}/api/chats/${id}/share`, {
      data: { is_shared: isShared },
      headers: { cookie },
    });
  expect((await fetch(url)).status).toBe(200);
  expect((await fetch(url)).headers.get("x-share-cache")).toBe("HIT");
  expect((await share(false)).status()).toBe(200);
  expect((await fetch(url)).status).toBe(404);
  expect((await fetch(`${url}/opengraph-image`)).status).toBe(404);
  expect((await share(true)).status()).toBe(200);
  const again = await fetch(url);
  expect(again.status).toBe(200);
  expect(again.headers.get("x-share-cache")).toBe("MISS");
});

test("a real shared chat in any script: its OG image is drawn with no request to the network", async () => {
  const { shareId } = await sharedChat(
    "学习国际象棋 🎉 Learning chess ♟️",
    "How do I learn chess? 😀 مرحبا नमस्ते Привет",
  );
  const image = await fetch(`${own.server.url}/chatbot/share/${shareId}/opengraph-image`);
  expect(image.status).toBe(200);
  expect(image.headers.get("content-type")).toBe("image/png");
  const png = Buffer.from(await image.arrayBuffer());
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(png.readUInt32BE(16)).toBe(1200);
  expect(png.readUInt32BE(20)).toBe(630);
  expect(own.server.output()).not.toContain("[outbound]");
  expect(own.server.output()).not.toMatch(/Failed to load dynamic font|fetch failed/);
});
