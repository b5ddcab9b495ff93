// Full pages (HTML + RSC payload) and route responses: Next's file-system cache, made to
// learn tag expiries from other instances before each read (see shared-tags.cjs), and
// to keep successes only. Configured as cacheHandler in next.config.ts.
const { rm } = require("node:fs/promises");
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache").default;
const sharedTags = require("./shared-tags.cjs");

// Next's own tags for paths and layouts. The app never expires them (it calls no
// revalidatePath), so an entry that carries only these, such as a static page of the
// build, cannot have missed an expiry.
const IMPLICIT_TAG_PREFIX = "_N_T_";
// What Next writes for one entry under the route cache (file-system-cache.js, set).
const FILES = {
  APP_PAGE: [".html", ".meta", ".rsc", ".segments"],
  APP_ROUTE: [".body", ".meta"],
  PAGES: [".html", ".meta", ".json"],
};
const ROUTE_CACHE = "/route-cache/";

/** The HTTP status of an entry of any kind: a page, a route response, a fetch result. */
const statusOf = (value) => value?.status ?? value?.data?.status;

function appTagsOf(value) {
  const header = value?.headers?.["x-next-cache-tags"];
  const tags = typeof header === "string" ? header.split(",") : (value?.tags ?? []);
  return tags.filter((tag) => !tag.startsWith(IMPLICIT_TAG_PREFIX));
}

module.exports = class SharedTagsCache extends FileSystemCache {
  async get(...args) {
    await sharedTags.sync();
    const entry = await super.get(...args);
    // Made before the oldest expiry this instance still knows: it may have missed one.
    if (entry && entry.lastModified < sharedTags.notBefore() && appTagsOf(entry.value).length > 0) {
      return null;
    }
    return entry;
  }

  async set(key, data, ctx) {
    const status = statusOf(data);
    if (typeof status === "number" && status >= 400) {
      // Only successes are kept: an error, or the not-found of an id anyone can make up,
      // must not fill the disk. A not-found also means that what this key held (a chat
      // since unshared or deleted) is gone: it does not stay behind on disk either. An
      // error keeps it: a failed background render must not drop a good page.
      if (status === 404 || status === 410) await this.forget(key, data.kind);
      return;
    }
    return super.set(key, data, ctx);
  }

  /** Removes what is kept under a route-cache key, in memory and on disk. */
  async forget(key, kind) {
    FileSystemCache.memoryCache?.remove(key);
    const suffixes = FILES[kind];
    // Never the build's own output: only what was stored at run time.
    if (!suffixes || !key.startsWith(ROUTE_CACHE)) return;
    const base = this.getFilePath(key, kind);
    await Promise.all(
      suffixes.map((suffix) => rm(base + suffix, { recursive: true, force: true })),
    );
  }

  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    if (!durations) await sharedTags.expire(Array.isArray(tags) ? tags : [tags]);
  }
};
