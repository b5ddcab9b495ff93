import "server-only";
import { getShareVisibility } from "@/db/queries/chats";
import { shareTag } from "@/lib/cache/public-cache";
import sharedTags from "@/lib/cache/shared-tags.cjs";
import { SHARE_ID_PATTERN } from "@/lib/share-id";

// How the public may see a share id, for the proxy: whether anything is shared under it
// (else its OG image is refused before any rendering or caching), and whether search
// engines may index it (X-Robots-Tag). The proxy asks on every view, so answers are kept
// in memory, bounded, and dropped when the chat's share tag expires (here or, through
// shared-tags, on another instance).
export type ShareExposure = { shared: boolean; indexable: boolean };

const NOTHING: ShareExposure = { shared: false, indexable: false };
const MAX_ENTRIES = 10_000;
const known = new Map<string, ShareExposure>();
const prefix = shareTag("");

sharedTags.onExpire((tag) => {
  if (tag.startsWith(prefix)) known.delete(tag.slice(prefix.length));
});

export async function getShareExposure(shareId: string): Promise<ShareExposure> {
  if (!SHARE_ID_PATTERN.test(shareId)) return NOTHING;
  await sharedTags.sync();
  const cached = known.get(shareId);
  if (cached) return cached;
  const visibility = await getShareVisibility({ shareId });
  const exposure = {
    shared: Boolean(visibility?.isShared),
    // Only an account's chat is ever indexable (the database holds that too).
    indexable: Boolean(
      visibility?.isShared && visibility.isDiscoverable && visibility.ownedByAccount,
    ),
  };
  // Made-up ids cannot grow the map past its bound.
  if (known.size >= MAX_ENTRIES) known.clear();
  known.set(shareId, exposure);
  return exposure;
}
