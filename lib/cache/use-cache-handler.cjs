// "use cache" entries: Next's own in-memory LRU, with tag state shared across instances
// (see shared-tags.cjs). Configured as cacheHandlers.default in next.config.ts.
const { createDefaultCacheHandler } = require("next/dist/server/lib/cache-handlers/default");
const sharedTags = require("./shared-tags.cjs");

// Bounded: unknown share ids are rejected before any cache work, and this caps the rest.
const MAX_BYTES = 64 * 1024 * 1024;
const inner = createDefaultCacheHandler(MAX_BYTES);

module.exports = {
  get: (cacheKey, softTags) => inner.get(cacheKey, softTags),
  set: (cacheKey, pendingEntry) => inner.set(cacheKey, pendingEntry),
  getExpiration: (tags) => inner.getExpiration(tags),
  refreshTags: () => sharedTags.sync(),
  async updateTags(tags, durations) {
    // With durations (revalidateTag(tag, "max")): stale-while-revalidate, this instance
    // only. Without: expire at once, everywhere.
    if (durations) return inner.updateTags(tags, durations);
    await sharedTags.expire(tags);
  },
};
