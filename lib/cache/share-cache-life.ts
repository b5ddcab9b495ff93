// Next's cacheLife for public share responses and the sitemap: refreshed in the
// background after a minute, dropped after five (Next treats anything shorter as
// uncacheable and would render the page per request). Revocation waits for neither: it
// expires the tag. A pure leaf, so that db/ can list a link only while it outlives a
// cached sitemap file (db/queries/chats.ts).
export const SHARE_CACHE_LIFE = { stale: 60, revalidate: 60, expire: 300 };
