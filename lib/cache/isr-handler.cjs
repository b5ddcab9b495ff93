// Full-page cache (HTML + RSC payload): Next's file-system cache, made to learn tag
// expiries from other instances before each read (see shared-tags.cjs). Configured as
// cacheHandler in next.config.ts.
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache").default;
const sharedTags = require("./shared-tags.cjs");

module.exports = class SharedTagsCache extends FileSystemCache {
  async get(...args) {
    await sharedTags.sync();
    return super.get(...args);
  }

  async set(key, data, ctx) {
    // A 404 is not kept: well-formed but unknown share ids must not fill the disk.
    if (data && data.kind === "APP_PAGE" && data.status === 404) return;
    return super.set(key, data, ctx);
  }

  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    if (!durations) await sharedTags.expire(Array.isArray(tags) ? tags : [tags]);
  }
};
