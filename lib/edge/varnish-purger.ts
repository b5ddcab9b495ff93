import "server-only";
import type { EdgePurger } from "./purger";

// Varnish with the xkey vmod (deploy/varnish/skillmate.vcl): `PURGE /` with an
// `xkey-purge` header listing keys (space-separated) drops every object stored under any
// of them, and answers 200. Anything else (403 from a host outside its `purgers` acl, a
// 400, a 5xx) is a failure.

// Varnish refuses a request header longer than http_req_hdr_len (8 KB by default): a long
// list of tags goes in several requests, well under that.
const MAX_HEADER_CHARS = 4000;

/** Groups of tags whose space-joined length stays under MAX_HEADER_CHARS. */
function headerValues(tags: string[]): string[] {
  const values: string[] = [];
  let current = "";
  for (const tag of tags) {
    if (current && current.length + 1 + tag.length > MAX_HEADER_CHARS) {
      values.push(current);
      current = "";
    }
    current = current ? `${current} ${tag}` : tag;
  }
  if (current) values.push(current);
  return values;
}

/** One Varnish instance, by its base URL (`http://127.0.0.1:6081`). */
export function varnishPurger(baseUrl: string): EdgePurger {
  const url = new URL(baseUrl);
  const base = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  return {
    // The origin leaves out any user:password the URL may hold.
    name: `varnish ${base}`,
    async purge(tags, signal) {
      for (const value of headerValues(tags)) {
        const response = await fetch(`${base}/`, {
          method: "PURGE",
          headers: { "xkey-purge": value },
          signal,
        });
        // Read to the end, so that the connection goes back to the pool.
        await response.arrayBuffer();
        if (response.status !== 200) {
          throw new Error(`Varnish answered ${response.status} ${response.statusText}`.trim());
        }
      }
    },
  };
}
