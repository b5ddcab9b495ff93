import { mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";

// The page cache handler (lib/cache/isr-handler.cjs) over a directory of its own, as
// `next start` uses it: only successes are stored, a not-found removes what its key
// held, and tagged entries older than what the process knows of expiries are refused.
const require = createRequire(import.meta.url);
const SharedTagsCache = require("../../lib/cache/isr-handler.cjs");
const { nodeFs } = require("next/dist/server/lib/node-fs-methods");
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache").default;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function handler(memory = 0) {
  const root = mkdtempSync(path.join(tmpdir(), "isr-handler-"));
  dirs.push(root);
  const serverDistDir = path.join(root, "server");
  const cache = new SharedTagsCache({
    fs: nodeFs,
    flushToDisk: true,
    serverDistDir,
    revalidatedTags: [],
    maxMemoryCacheSize: memory,
  });
  const files = () =>
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
  return { cache, files, serverDistDir };
}

const key = (name: string) => `/route-cache/APP_ROUTE/${"0".repeat(64)}/$/chatbot/share/${name}`;
const ROUTE = { kind: "APP_ROUTE" };
const LIFE = { cacheControl: { revalidate: 60, expire: 300 } };
const image = (status: number, tags = "_N_T_/layout,share:abc") => ({
  kind: "APP_ROUTE",
  status,
  body: Buffer.from("png bytes"),
  headers: { "content-type": "image/png", "x-next-cache-tags": tags },
});

test.each([
  ["a route response", 404, key("a/opengraph-image"), image(404), LIFE],
  ["a route response", 500, key("b/opengraph-image"), image(500), LIFE],
  [
    "a page",
    404,
    `/route-cache/APP_PAGE/${"1".repeat(64)}/$/chatbot/share/c`,
    {
      kind: "APP_PAGE",
      status: 404,
      html: "<p>not found</p>",
      rscData: Buffer.from("rsc"),
      headers: {},
      postponed: undefined,
      segmentData: undefined,
    },
    LIFE,
  ],
  [
    "a fetch result",
    404,
    "fetch-key",
    {
      kind: "FETCH",
      data: { status: 404, headers: {}, body: "", url: "https://example.test/" },
      revalidate: 60,
    },
    { fetchCache: true, tags: [] },
  ],
])("%s with status %i is not stored", async (_, _status, cacheKey, value, ctx) => {
  const { cache, files } = handler();
  await cache.set(cacheKey, value, ctx);
  expect(files()).toEqual([]);
});

test("a success is stored; a later not-found removes it from disk and memory; a later error keeps it", async () => {
  const { cache, files } = handler(1024 * 1024);
  await cache.set(key("gone/opengraph-image"), image(200), LIFE);
  await cache.set(key("kept/opengraph-image"), image(200), LIFE);
  expect(files().length).toBe(4);
  expect(await cache.get(key("gone/opengraph-image"), ROUTE)).not.toBeNull();

  await cache.set(key("gone/opengraph-image"), image(404), LIFE);
  await cache.set(key("kept/opengraph-image"), image(503), LIFE);
  expect(files().every((file) => file.includes("kept"))).toBe(true);
  expect(files().length).toBe(2);
  expect(await cache.get(key("gone/opengraph-image"), ROUTE)).toBeNull();
  expect((await cache.get(key("kept/opengraph-image"), ROUTE))?.value.status).toBe(200);
});

test("an entry with the app's tags made before notBefore is refused; one with only Next's path tags is served", async () => {
  const { cache, serverDistDir } = handler();
  await cache.set(key("old/opengraph-image"), image(200), LIFE);
  await cache.set(key("static/opengraph-image"), image(200, "_N_T_/layout,_N_T_/page"), LIFE);
  const longAgo = new Date("2020-01-01T00:00:00Z");
  for (const name of ["old", "static"]) {
    utimesSync(path.join(serverDistDir, `${key(name)}/opengraph-image.body`), longAgo, longAgo);
    // As a new process finds them: on disk only, left there by an earlier run.
    FileSystemCache.memoryCache?.remove(key(`${name}/opengraph-image`));
  }
  expect(await cache.get(key("old/opengraph-image"), ROUTE)).toBeNull();
  expect((await cache.get(key("static/opengraph-image"), ROUTE))?.value.status).toBe(200);
});
