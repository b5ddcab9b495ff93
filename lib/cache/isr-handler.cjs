// @ts-check
// Full pages (HTML + RSC payload) and route responses: Next's file-system cache, made to
// learn tag expiries from other instances before each read (see shared-tags.cjs), and
// to keep successes only. Configured as cacheHandler in next.config.ts.
const { rm } = require("node:fs/promises");
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache").default;
const sharedTags = require("./shared-tags.cjs");

/**
 * Next's types for a custom cacheHandler (incremental-cache/index.d.ts) and for what it
 * stores (response-cache/types.d.ts).
 * @typedef {typeof import("next/dist/server/lib/incremental-cache").CacheHandler} CacheHandlerClass
 * @typedef {import("next/dist/server/lib/incremental-cache").CacheHandlerValue} CacheHandlerValue
 * @typedef {import("next/dist/server/response-cache/types").IncrementalCacheValue} IncrementalCacheValue
 * @typedef {IncrementalCacheValue["kind"]} EntryKind
 * @typedef {import("next/dist/server/lib/incremental-cache/file-system-cache").default} FileSystemCacheBase
 * @typedef {import("next/dist/server/lib/lru-cache").LRUCache<CacheHandlerValue>} MemoryCache
 * What the helpers below read of an entry of any kind: IncrementalCacheValue is a union
 * whose members carry these fields or not.
 * @typedef {{ kind: string, status?: number, data?: { status?: number }, headers?: import("node:http").OutgoingHttpHeaders, tags?: string[] }} EntryFields
 */

// Next's own tags for paths and layouts. The app never expires them (it calls no
// revalidatePath), so an entry that carries only these, such as a static page of the
// build, cannot have missed an expiry.
const IMPLICIT_TAG_PREFIX = "_N_T_";
// What Next writes for one entry under the route cache (file-system-cache.js, set).
/** @type {Partial<Record<EntryKind, string[]>>} */
const FILES = {
  APP_PAGE: [".html", ".meta", ".rsc", ".segments"],
  APP_ROUTE: [".body", ".meta"],
  PAGES: [".html", ".meta", ".json"],
};
const ROUTE_CACHE = "/route-cache/";

/**
 * The HTTP status of an entry of any kind: a page, a route response, a fetch result.
 * @param {EntryFields | null | undefined} value
 */
const statusOf = (value) => value?.status ?? value?.data?.status;

/** @param {EntryFields | null | undefined} value */
function appTagsOf(value) {
  const header = value?.headers?.["x-next-cache-tags"];
  const tags = typeof header === "string" ? header.split(",") : (value?.tags ?? []);
  return tags.filter((tag) => !tag.startsWith(IMPLICIT_TAG_PREFIX));
}

// FileSystemCache's private members that forget() uses, as file-system-cache.js of the
// pinned Next (package.json) has them: the process-wide in-memory LRU, and where an
// entry's files live. Its .d.ts declares them private and gives them no type, so these
// two views type just what is used, cast through `unknown` (TypeScript refuses a direct
// cast that drops `private`): the only places this file steps outside Next's declared
// types. tests/unit/isr-handler.test.ts exercises both (a 404 removes memory and files).
const fileSystemCacheStatics = /** @type {{ memoryCache?: MemoryCache }} */ (
  /** @type {unknown} */ (FileSystemCache)
);
/** @param {FileSystemCacheBase} cache */
const internalsOf = (cache) =>
  /** @type {{ getFilePath(key: string, kind: EntryKind): string }} */ (
    /** @type {unknown} */ (cache)
  );

class SharedTagsCache extends FileSystemCache {
  /**
   * @param {Parameters<FileSystemCacheBase["get"]>} args
   * @returns {Promise<CacheHandlerValue | null>}
   */
  async get(...args) {
    await sharedTags.sync();
    const entry = await super.get(...args);
    // Made before the oldest expiry this instance still knows: it may have missed one.
    if (entry && entry.lastModified < sharedTags.notBefore() && appTagsOf(entry.value).length > 0) {
      return null;
    }
    return entry;
  }

  /**
   * @param {string} key
   * @param {IncrementalCacheValue | null} data
   * @param {Parameters<FileSystemCacheBase["set"]>[2]} ctx
   * @returns {Promise<void>}
   */
  async set(key, data, ctx) {
    const status = statusOf(data);
    // (`data &&` changes nothing, a status comes from an entry: it tells TypeScript so.)
    if (data && typeof status === "number" && status >= 400) {
      // Only successes are kept: an error, or the not-found of an id anyone can make up,
      // must not fill the disk. A not-found also means that what this key held (a chat
      // since unshared or deleted) is gone: it does not stay behind on disk either. An
      // error keeps it: a failed background render must not drop a good page.
      if (status === 404 || status === 410) await this.forget(key, data.kind);
      return;
    }
    return super.set(key, data, ctx);
  }

  /**
   * Removes what is kept under a route-cache key, in memory and on disk.
   * @param {string} key
   * @param {EntryKind} kind
   */
  async forget(key, kind) {
    fileSystemCacheStatics.memoryCache?.remove(key);
    const suffixes = FILES[kind];
    // Never the build's own output: only what was stored at run time.
    if (!suffixes || !key.startsWith(ROUTE_CACHE)) return;
    const base = internalsOf(this).getFilePath(key, kind);
    await Promise.all(
      suffixes.map((suffix) => rm(base + suffix, { recursive: true, force: true })),
    );
  }

  /**
   * @param {string | string[]} tags
   * @param {{ expire?: number }} [durations]
   */
  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    if (!durations) await sharedTags.expire(Array.isArray(tags) ? tags : [tags]);
  }
}

// Checked against the type of a custom cacheHandler: what IncrementalCache constructs
// (with a CacheHandlerContext) and calls (get, set, revalidateTag, resetRequestCache).
module.exports = /** @satisfies {CacheHandlerClass} */ (SharedTagsCache);
