import { type NextRequest, NextResponse } from "next/server";
import { getShareExposure } from "@/lib/chats/share-exposure";

// Share pages and their OG images: response headers that a cached page cannot set itself,
// and made-up ids refused before any rendering or caching. Never an authorization check:
// the pages and routes do that.
export async function proxy(request: NextRequest) {
  const [, , , shareId = "", image] = request.nextUrl.pathname.split("/");
  const exposure = await getShareExposure(shareId);
  // An image for an id that shows nothing would be drawn and stored per id: refused.
  if (image && !exposure.shared) {
    return new NextResponse("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  }
  const response = NextResponse.next();
  // A CDN may keep a public share response at most a minute: revocation expires the
  // server's cache at once, but cannot reach into a CDN (docs/caching.md).
  response.headers.set("cache-control", "public, max-age=0, s-maxage=60, must-revalidate");
  if (!exposure.indexable) response.headers.set("x-robots-tag", "noindex, nofollow");
  return response;
}

export const config = {
  matcher: ["/chatbot/share/:shareId", "/chatbot/share/:shareId/opengraph-image"],
};
