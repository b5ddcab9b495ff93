import { shareTag } from "./public-cache";

/**
 * The cache tags of a public share response, in the headers edge caches read: Varnish's
 * xkey (deploy/varnish/), Fastly's Surrogate-Key, Cloudflare's Cache-Tag. Each takes the
 * response's keys, so that a purge by the share's tag (lib/edge/) reaches every copy of
 * it: page, image and API answer, found or not found. The edge strips them.
 */
export function edgeTagHeaders(shareId: string): Record<string, string> {
  const tag = shareTag(shareId);
  return { xkey: tag, "surrogate-key": tag, "cache-tag": tag };
}

/** How long a shared cache may keep a public share response, unless purged (docs/caching.md). */
export const SHARE_S_MAXAGE = 60;

/**
 * Cache-Control for a public share response, plus, for a link that expires, `Expires` and
 * `X-Edge-TTL` (the seconds left, which deploy/varnish caps its own TTL at): no shared
 * cache may keep the page past the link's expiry, since no write purges it then.
 */
export function shareCacheHeaders(
  expiresAt: number | undefined,
  now = Date.now(),
): Record<string, string> {
  if (expiresAt === undefined) {
    return { "cache-control": `public, max-age=0, s-maxage=${SHARE_S_MAXAGE}, must-revalidate` };
  }
  const left = Math.max(0, Math.floor((expiresAt - now) / 1000));
  return {
    "cache-control": `public, max-age=0, s-maxage=${Math.min(SHARE_S_MAXAGE, left)}, must-revalidate`,
    expires: new Date(expiresAt).toUTCString(),
    "x-edge-ttl": String(left),
  };
}

/** The answer to a share link past its expiry: never stored anywhere. */
export const EXPIRED_SHARE_HEADERS = { "cache-control": "no-store" } as const;
