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
