import { type NextRequest, NextResponse } from "next/server";
import { isDatabaseUnavailable } from "@/db/errors";
import { EXPIRED_SHARE_HEADERS, edgeTagHeaders, shareCacheHeaders } from "@/lib/cache/edge-headers";
import { getShareExposure, type ShareExposure } from "@/lib/chats/share-exposure";
import { UNAVAILABLE_RETRY_AFTER_S } from "@/lib/errors";
import { safeErrorLine } from "@/lib/log-safe";
import { shareExpiredHtml } from "@/lib/share/page-html";
import { shareStylesheets } from "@/lib/share/stylesheets";

// Share pages and their OG images: response headers that a cached page cannot set itself,
// and made-up ids refused before any rendering or caching. Never an authorization check:
// the pages and routes do that.
export async function proxy(request: NextRequest) {
  const [, , , shareId = "", image] = request.nextUrl.pathname.split("/");
  let exposure: ShareExposure;
  try {
    exposure = await getShareExposure(shareId);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    // The database is down (docs/operations.md): a 503 to retry, never cached, instead of
    // Next's bare 500 for a proxy that throws.
    console.error(`[proxy] database unavailable: ${safeErrorLine(error)}`);
    return new NextResponse(
      "SkillMate Chats is temporarily unavailable. Please try again in a few seconds.",
      {
        status: 503,
        headers: {
          "retry-after": String(UNAVAILABLE_RETRY_AFTER_S),
          "cache-control": "no-store",
          "content-type": "text/plain; charset=utf-8",
        },
      },
    );
  }
  // An image for an id that shows nothing would be drawn and stored per id: refused.
  if (image && !exposure.shared) {
    return new NextResponse("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  }
  // An expired link is answered here, before any cache: no cached page of it (Next's, or
  // the edge's, which this answer does not feed) can be served once it has expired.
  if (exposure.expired) {
    return new NextResponse(shareExpiredHtml(shareStylesheets()), {
      status: 410,
      headers: { ...EXPIRED_SHARE_HEADERS, "content-type": "text/html; charset=utf-8" },
    });
  }
  const response = NextResponse.next();
  // A CDN that is not purged may keep a public share response at most a minute (less when
  // the link expires sooner); one that is (an edge cache purged by these tags, lib/edge/)
  // keeps it until the share changes or expires (docs/caching.md).
  for (const [name, value] of Object.entries(shareCacheHeaders(exposure.expiresAt)))
    response.headers.set(name, value);
  for (const [name, value] of Object.entries(edgeTagHeaders(shareId)))
    response.headers.set(name, value);
  if (!exposure.indexable) response.headers.set("x-robots-tag", "noindex, nofollow");
  return response;
}

export const config = {
  matcher: ["/chatbot/share/:shareId", "/chatbot/share/:shareId/opengraph-image"],
};
