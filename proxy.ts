import { type NextRequest, NextResponse } from "next/server";
import { getShareIndexing } from "@/lib/chats/share-indexing";
import { SHARE_ID_PATTERN } from "@/lib/share-id";

// Response headers that a cached page cannot set itself. Never an authorization check:
// the pages and routes do that.
export async function proxy(request: NextRequest) {
  const shareId = request.nextUrl.pathname.split("/")[3] ?? "";
  const response = NextResponse.next();
  // A CDN may keep a public share response at most a minute: revocation expires the
  // server's cache at once, but cannot reach into a CDN (docs/caching.md).
  response.headers.set("cache-control", "public, max-age=0, s-maxage=60, must-revalidate");
  const indexable = SHARE_ID_PATTERN.test(shareId) && (await getShareIndexing(shareId));
  if (!indexable) response.headers.set("x-robots-tag", "noindex, nofollow");
  return response;
}

export const config = { matcher: "/chatbot/share/:shareId" };
