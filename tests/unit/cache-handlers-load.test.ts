import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CacheHandler as UseCacheHandler } from "next/dist/server/lib/cache-handlers/types";
import type { CacheHandler as IncrementalCacheHandler } from "next/dist/server/lib/incremental-cache";
import { afterAll, describe, expect, test } from "vitest";
import type SharedTagsModule from "../../lib/cache/shared-tags.cjs";
import nextConfig from "../../next.config";

// The cache handlers (lib/cache/*.cjs) load, outside the app bundle, private modules of
// Next (next/dist/...), pinned to one minor in package.json. Loaded here as Next loads
// them, so that an upgrade that moves or reshapes one fails `npm test`, not production.
// What they do is tested elsewhere: tests/unit/isr-handler.test.ts (which entries the page
// cache keeps) and tests/api/cache-tag-events.test.ts (expiries across instances).

const require = createRequire(import.meta.url);
const projectRoot = path.resolve(import.meta.dirname, "../..");

// The paths Next is given, from next.config.ts itself.
const config = nextConfig("phase-production-server");
const isrHandlerFile = config.cacheHandler as string;
const useCacheHandlerFile = config.cacheHandlers?.default as string;
const cacheDir = path.dirname(isrHandlerFile);

// Next imports a handler by URL and takes `default`, then `default` again if there is one
// (next-server.js: interopDefault(await import(...))). For a CommonJS file, import()'s
// default is module.exports, the very object require returns.
function load(file: string) {
  const mod = require(file);
  return mod.default || mod;
}

// Every package a handler requires, by file: next/dist paths above all, which Next may move.
const requires = readdirSync(cacheDir)
  .filter((name) => name.endsWith(".cjs"))
  .flatMap((name) => {
    const text = readFileSync(path.join(cacheDir, name), "utf8");
    return [...text.matchAll(/require\(\s*(["'])([^"']+)\1\s*\)/g)]
      .map((match) => match[2] as string)
      .filter((specifier) => !specifier.startsWith("."))
      .map((specifier) => ({ name, specifier }));
  });

test("next.config.ts points both handler settings at lib/cache/*.cjs, which require next/dist", () => {
  expect(path.relative(projectRoot, isrHandlerFile)).toBe("lib/cache/isr-handler.cjs");
  expect(path.relative(projectRoot, useCacheHandlerFile)).toBe("lib/cache/use-cache-handler.cjs");
  expect(requires.filter(({ specifier }) => specifier.startsWith("next/dist/"))).not.toEqual([]);
});

test.each(requires.map(({ name, specifier }) => [name, specifier]))(
  "%s requires %s: it resolves",
  (name, specifier) => {
    expect(() => createRequire(path.join(cacheDir, name)).resolve(specifier)).not.toThrow();
  },
);

describe("isr-handler.cjs (cacheHandler)", () => {
  const FileSystemCache =
    require("next/dist/server/lib/incremental-cache/file-system-cache").default;
  const { IncrementalCache } = require("next/dist/server/lib/incremental-cache");
  const { nodeFs } = require("next/dist/server/lib/node-fs-methods");
  const root = mkdtempSync(path.join(tmpdir(), "cache-handlers-load-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // Every method of the handler class Next declares (incremental-cache/index.d.ts);
  // `tsc` fails here if Next adds one.
  const METHODS = ["get", "set", "revalidateTag", "resetRequestCache"] as const;
  type Unlisted = Exclude<keyof IncrementalCacheHandler, (typeof METHODS)[number]>;
  const listed: [Unlisted] extends [never] ? true : Unlisted = true;

  test("exports a subclass of Next's file-system cache with every handler method", () => {
    const Handler = load(isrHandlerFile);
    expect(listed).toBe(true);
    expect(Handler.prototype).toBeInstanceOf(FileSystemCache);
    for (const method of METHODS) expect(typeof Handler.prototype[method]).toBe("function");
  });

  test("constructed and driven by Next's IncrementalCache: a 200 round-trips on disk, a 404 is not kept", async () => {
    const Handler = load(isrHandlerFile);
    const serverDistDir = path.join(root, "server");
    const previewProps = {
      previewModeId: "test",
      previewModeEncryptionKey: "test",
      previewModeSigningKey: "test",
    };
    // What next-server.js passes (getIncrementalCache); IncrementalCache then calls
    // `new CurCacheHandler(context)` itself. No memory cache: every read is from disk.
    const cache = new IncrementalCache({
      fs: nodeFs,
      dev: false,
      minimalMode: false,
      serverDistDir,
      flushToDisk: true,
      maxMemoryCacheSize: 0,
      requestHeaders: {},
      previewProps,
      prerenderManifest: {
        version: 4,
        routes: {},
        dynamicRoutes: {},
        notFoundRoutes: [],
        preview: previewProps,
      },
      CurCacheHandler: Handler,
    });
    expect(cache.hasCustomCacheHandler).toBe(true);
    expect(cache.cacheHandler).toBeInstanceOf(Handler);

    const route = { kind: "APP_ROUTE", sourceRoute: "/chatbot/share/[shareId]/opengraph-image" };
    const image = (status: number) => ({
      kind: "APP_ROUTE",
      status,
      body: Buffer.from(`image ${status}`),
      headers: { "content-type": "image/png", "x-next-cache-tags": "share:abc" },
    });
    const write = (pathname: string, status: number) =>
      cache.set(pathname, image(status), {
        route,
        cacheControl: { revalidate: 60, expire: 300 },
      });
    const read = (pathname: string) =>
      cache.get(pathname, { kind: "APP_ROUTE", route, isFallback: false });

    // Entries older than the handler's floor (here: when shared-tags was loaded) are
    // refused, and a file's mtime comes from the kernel's coarse clock, a few ms behind
    // Date.now(): a write within those ms of loading would read as older than the floor.
    await new Promise((resolve) => setTimeout(resolve, 25));
    await write("/chatbot/share/found/opengraph-image", 200);
    const hit = await read("/chatbot/share/found/opengraph-image");
    expect(hit?.value).toMatchObject({ kind: "APP_ROUTE", status: 200 });
    expect(hit?.value.body.toString()).toBe("image 200");
    expect(existsSync(path.join(serverDistDir, "route-cache", "APP_ROUTE"))).toBe(true);

    await write("/chatbot/share/missing/opengraph-image", 404);
    expect(await read("/chatbot/share/missing/opengraph-image")).toBeNull();
    const stored = readdirSync(serverDistDir, { recursive: true }).map(String);
    expect(stored.some((file) => file.includes("found"))).toBe(true);
    expect(stored.some((file) => file.includes("missing"))).toBe(false);
  });
});

describe("use-cache-handler.cjs (cacheHandlers.default)", () => {
  // Every method of Next's "use cache" handler interface; `tsc` fails here if Next adds one.
  const METHODS = ["get", "set", "refreshTags", "getExpiration", "updateTags"] as const;
  type Unlisted = Exclude<keyof UseCacheHandler, (typeof METHODS)[number]>;
  const listed: [Unlisted] extends [never] ? true : Unlisted = true;

  test("has every method of Next's CacheHandler", () => {
    const handler = load(useCacheHandlerFile);
    expect(listed).toBe(true);
    for (const method of METHODS) expect(typeof handler[method]).toBe("function");
  });

  test("set then get returns the entry; expiring its tag through the handler drops it from Next's manifest-backed store", async () => {
    const handler: UseCacheHandler = load(useCacheHandlerFile);
    const tag = `test:cache-handlers-load:${crypto.randomUUID()}`;
    const entry = {
      value: new Blob(["payload"]).stream(),
      tags: [tag],
      stale: 60,
      timestamp: Date.now(),
      expire: 300,
      revalidate: 60,
    };
    await handler.refreshTags();
    await handler.set("cache-handlers-load", Promise.resolve(entry));
    const hit = await handler.get("cache-handlers-load", []);
    expect(hit).toMatchObject({ tags: [tag], timestamp: entry.timestamp, revalidate: 60 });
    expect(await new Response(hit?.value).text()).toBe("payload");

    // Without durations the handler expires through shared-tags, which writes the
    // tagsManifest Next's own default handler reads: the entry must be gone.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await handler.updateTags([tag]);
    expect(await handler.getExpiration([tag])).toBeGreaterThan(entry.timestamp);
    expect(await handler.get("cache-handlers-load", [])).toBeUndefined();
  });
});

describe("shared-tags.cjs", () => {
  test("exposes sync, expire, notBefore, onExpire; the use-cache handler expires through this instance", async () => {
    const sharedTags: typeof SharedTagsModule = require(path.join(cacheDir, "shared-tags.cjs"));
    for (const method of ["sync", "expire", "notBefore", "onExpire"] as const) {
      expect(typeof sharedTags[method]).toBe("function");
    }
    expect(typeof sharedTags.notBefore()).toBe("number");
    expect(typeof sharedTags.createSharedTags).toBe("function");

    const heard: string[] = [];
    const stop = sharedTags.onExpire((tag) => heard.push(tag));
    const tag = `test:cache-handlers-load:${crypto.randomUUID()}`;
    await load(useCacheHandlerFile).updateTags([tag]);
    stop();
    expect(heard).toEqual([tag]);
  });
});
