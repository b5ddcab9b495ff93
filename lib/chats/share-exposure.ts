import "server-only";
import { getShareVisibility } from "@/db/queries/chats";
import { shareTag } from "@/lib/cache/public-cache";
import sharedTags from "@/lib/cache/shared-tags.cjs";
import { createTagMemo } from "@/lib/cache/tag-memo";
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

/** The answers, bounded at `maxEntries` (a test's own instance takes a small bound). */
export function createShareExposure({ maxEntries = MAX_ENTRIES }: { maxEntries?: number } = {}) {
  const memo = createTagMemo<ShareExposure>({
    tags: sharedTags,
    tagPrefix: shareTag(""),
    maxEntries,
    load: readExposure,
    fresh: (exposure) => exposure.expiresAt === undefined || exposure.expiresAt > Date.now(),
    keep: (exposure) => !exposure.expired,
  });
  return {
    get: (shareId: string): Promise<ShareExposure> =>
      SHARE_ID_PATTERN.test(shareId) ? memo.get(shareId) : Promise.resolve(NOTHING),
    size: memo.size,
  };
}

async function readExposure(shareId: string): Promise<ShareExposure> {
  const visibility = await getShareVisibility({ shareId });
  const expiresAt = visibility?.isShared ? visibility.shareExpiresAt?.getTime() : undefined;
  if (expiresAt !== undefined && expiresAt <= Date.now()) return EXPIRED;
  return {
    shared: Boolean(visibility?.isShared),
    // Only an account's chat is ever indexable (the database holds that too).
    indexable: Boolean(
      visibility?.isShared && visibility.isDiscoverable && visibility.ownedByAccount,
    ),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}

/** The process's one instance. */
const exposures = createShareExposure();
export const getShareExposure = exposures.get;
