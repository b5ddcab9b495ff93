import "server-only";
import sharedTags from "./shared-tags.cjs";

// What the public sees of a shared chat is cached under one tag per share id: the share
// page, its metadata and image, and GET /api/chats/share/<id>/.
export const shareTag = (shareId: string) => `share:${shareId}`;
export const SITEMAP_TAG = "sitemap";

// Next's cacheLife for public share responses: refreshed in the background after a
// minute, dropped after five (Next treats anything shorter as uncacheable and would
// render the page per request). Revocation waits for neither: it expires the tag.
export const SHARE_CACHE_LIFE = { stale: 60, revalidate: 60, expire: 300 };

/** Expires tags at once, here and on every other instance (see shared-tags.cjs). */
export function expireTags(tags: string[]): Promise<void> {
  return sharedTags.expire(tags);
}

/** After any write that changes what the public sees of a chat. */
export function expireSharedChat(shareId: string): Promise<void> {
  return expireTags([shareTag(shareId), SITEMAP_TAG]);
}
