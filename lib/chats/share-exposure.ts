import "server-only";
import { getShareVisibility } from "@/db/queries/chats";
import { shareTag } from "@/lib/cache/public-cache";
import sharedTags from "@/lib/cache/shared-tags.cjs";
import { SHARE_ID_PATTERN } from "@/lib/chats/share-id";

// How the public may see a share id, for the proxy: whether anything is shared under it
// (else its OG image is refused before any rendering or caching), and whether search
// engines may index it (X-Robots-Tag). The proxy asks on every view, so answers are kept
// in memory, the least recently used dropped past MAX_ENTRIES (made-up ids cannot grow
// the map), and an id's answer dropped when its share tag expires (here or, through
// shared-tags, on another instance). A link that expires: the answer says when
// (`expiresAt`, ms), is dropped once past it, and an expired link's answer is never kept,
// so nothing here outlives an expiry; past it, `shared` is false and `expired` true.
export type ShareExposure = {
  shared: boolean;
  indexable: boolean;
  expiresAt?: number;
  expired?: true;
};

const NOTHING: ShareExposure = { shared: false, indexable: false };
const EXPIRED: ShareExposure = { shared: false, indexable: false, expired: true };
const MAX_ENTRIES = 10_000;
const prefix = shareTag("");

/** The answers, bounded at `maxEntries` (a test's own instance takes a small bound). */
export function createShareExposure({ maxEntries = MAX_ENTRIES }: { maxEntries?: number } = {}) {
  const known = new Map<string, ShareExposure>();
  // Counts share-tag expiries: an answer read while one arrived may be older than it.
  let expiries = 0;

  sharedTags.onExpire((tag) => {
    if (!tag.startsWith(prefix)) return;
    expiries += 1;
    known.delete(tag.slice(prefix.length));
  });

  async function get(shareId: string): Promise<ShareExposure> {
    if (!SHARE_ID_PATTERN.test(shareId)) return NOTHING;
    await sharedTags.sync();
    const cached = known.get(shareId);
    if (cached) {
      known.delete(shareId);
      if (cached.expiresAt === undefined || cached.expiresAt > Date.now()) {
        known.set(shareId, cached);
        return cached;
      }
    }
    const before = expiries;
    const visibility = await getShareVisibility({ shareId });
    const expiresAt = visibility?.isShared ? visibility.shareExpiresAt?.getTime() : undefined;
    if (expiresAt !== undefined && expiresAt <= Date.now()) return EXPIRED;
    const exposure: ShareExposure = {
      shared: Boolean(visibility?.isShared),
      // Only an account's chat is ever indexable (the database holds that too).
      indexable: Boolean(
        visibility?.isShared && visibility.isDiscoverable && visibility.ownedByAccount,
      ),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    };
    if (expiries === before) {
      if (known.size >= maxEntries) known.delete(known.keys().next().value as string);
      known.set(shareId, exposure);
    }
    return exposure;
  }

  /** How many answers are held (tests: the bound). */
  return { get, size: () => known.size };
}

/** The process's one instance. */
const exposures = createShareExposure();
export const getShareExposure = exposures.get;
