import "server-only";
import { purgeEdge } from "@/lib/edge/purge-edge";
import sharedTags from "./shared-tags.cjs";

// What the public sees of a shared chat is cached under one tag per share id, in Next's
// caches and at the edge: the share page, its metadata and image, and
// GET /api/chats/share/<id>/.
export const shareTag = (shareId: string) => `share:${shareId}`;
export const SITEMAP_TAG = "sitemap";

export { SHARE_CACHE_LIFE } from "./share-cache-life";

/** Expires tags at once, here and on every other instance (see shared-tags.cjs). */
export function expireTags(tags: string[]): Promise<void> {
  return sharedTags.expire(tags);
}

/**
 * After any write that changes what the public sees of a chat, before it answers. Next's
 * cache goes first: the edge, once purged, refetches from it. The edge (Varnish, a CDN:
 * lib/edge/) keeps the share's pages under the same tag; its purge never throws, and a
 * purge that fails is retried in the background rather than failing the write.
 */
export async function expireSharedChat(shareId: string): Promise<void> {
  await expireSharedChats([shareId]);
}

/** expireSharedChat for many at once: one expiry and one purge for all of them. */
export async function expireSharedChats(shareIds: string[]): Promise<void> {
  if (shareIds.length === 0) return;
  const tags = shareIds.map(shareTag);
  await expireTags([...tags, SITEMAP_TAG]);
  await purgeEdge(tags);
}
