// @ts-check
// "use cache" entries: Next's own in-memory LRU, with tag state shared across instances
// (see shared-tags.cjs). Configured as cacheHandlers.default in next.config.ts.
const { createDefaultCacheHandler } = require("next/dist/server/lib/cache-handlers/default");
const sharedTags = require("./shared-tags.cjs");

// Bounded: what made-up share ids leave here (a cached "not shared") is capped with the rest.
const MAX_BYTES = 64 * 1024 * 1024;
const inner = createDefaultCacheHandler(MAX_BYTES);

/** @type {import("next/dist/server/lib/cache-handlers/types").CacheHandler} */
const handler = {
  async get(cacheKey, softTags) {
    const entry = await inner.get(cacheKey, softTags);
    // Made before the oldest expiry this instance still knows: it may have missed one.
    if (entry && entry.timestamp < sharedTags.notBefore()) return undefined;
    return entry;
  },
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

module.exports = handler;
