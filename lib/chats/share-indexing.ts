import "server-only";
import { getShareVisibility } from "@/db/queries/chats";
import { shareTag } from "@/lib/cache/public-cache";
import sharedTags from "@/lib/cache/shared-tags.cjs";

// Whether search engines may index a share page, for its X-Robots-Tag header: the proxy
// asks on every view, so answers are kept in memory and dropped when the chat's share
// tag expires (here or, through shared-tags, on another instance).
const MAX_ENTRIES = 10_000;
const known = new Map<string, boolean>();
const prefix = shareTag("");

sharedTags.onExpire((tag) => {
  if (tag.startsWith(prefix)) known.delete(tag.slice(prefix.length));
});

export async function getShareIndexing(shareId: string): Promise<boolean> {
  await sharedTags.sync();
  const cached = known.get(shareId);
  if (cached !== undefined) return cached;
  const visibility = await getShareVisibility({ shareId });
  const indexable = Boolean(visibility?.isShared && visibility.isDiscoverable);
  if (known.size >= MAX_ENTRIES) known.clear();
  known.set(shareId, indexable);
  return indexable;
}
