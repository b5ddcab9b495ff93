// Full-page cache (HTML + RSC payload): Next's file-system cache, made to learn tag
// expiries from other instances before each read (see shared-tags.cjs). Configured as
// cacheHandler in next.config.ts.
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache").default;
const sharedTags = require("./shared-tags.cjs");

module.exports = class SharedTagsCache extends FileSystemCache {
  async get(...args) {
    await sharedTags.sync();
    const entry = await super.get(...args);
    // Tag expiries are only kept for WINDOW_MS: an entry older than that (left on disk by
    // an earlier run) may have missed one, so it is rendered again instead.
    if (entry && entry.lastModified > 0 && entry.lastModified < Date.now() - sharedTags.WINDOW_MS) {
      return null;
    }
    return entry;
  }

  async set(key, data, ctx) {
    // Only successes are kept: an error or a not-found for an id anyone can make up
    // (a well-formed but unknown share id) must not fill the disk.
    if (data && typeof data.status === "number" && data.status >= 400) return;
    return super.set(key, data, ctx);
  }

  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    if (!durations) await sharedTags.expire(Array.isArray(tags) ? tags : [tags]);
  }
};
