import { cacheLife, cacheTag } from "next/cache";
import { EXPIRED_SHARE_HEADERS } from "@/lib/cache/edge-headers";
import { SHARE_CACHE_LIFE, shareTag } from "@/lib/cache/public-cache";
import { getPublicChat } from "@/lib/chats/public-chat";
import { shareHasExpired } from "@/lib/chats/serialize";
import { getShareExposure } from "@/lib/chats/share-exposure";
import { shareExpiredHtml, shareNotFoundHtml, sharePageHtml } from "@/lib/share/page-html";
import { shareStylesheets } from "@/lib/share/stylesheets";

// GET /chatbot/share/<share_id>: a shared chat for anyone, as a page with no framework
// (lib/share/page-html.ts), cached per share id until a write expires its tag, on every
// instance and at the edge (docs/caching.md). The proxy sets its caching, tag and robots
// headers, on the page and the not-found page alike.

// Pages drawn by this process: a request during which none was drawn was served from the
// cache (X-Share-Cache, as Next's X-Nextjs-Cache for its pages; under concurrent misses a
// hit may be reported as a miss, never the other way round).
let drawn = 0;

// The page, and when its link expires: the cached entry may outlive the link (the proxy
// answers an expired link first, but this route does not rely on it).
type SharePage = { html: string; expiresAt: string | null };

async function drawSharePage(shareId: string, stylesheets: string[]): Promise<SharePage | null> {
  drawn += 1;
  const chat = await getPublicChat(shareId);
  return chat
    ? { html: await sharePageHtml(chat, stylesheets), expiresAt: chat.share_expires_at }
    : null;
}

async function cachedSharePage(shareId: string, stylesheets: string[]): Promise<SharePage | null> {
  "use cache";
  cacheTag(shareTag(shareId));
  cacheLife(SHARE_CACHE_LIFE);
  return drawSharePage(shareId, stylesheets);
}

const html = (body: string, status: number, headers: HeadersInit = {}) =>
  new Response(body, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", ...headers },
  });

export async function GET(_request: Request, { params }: RouteContext<"/chatbot/share/[shareId]">) {
  const { shareId } = await params;
  // Ids that show nothing (malformed, unknown, unshared) are answered from the proxy's
  // bounded map of exposures, so made-up ids render and store nothing.
  const stylesheets = shareStylesheets();
  // Without stylesheets (the dev server, until it has compiled a chat page) the page is
  // drawn each time rather than cached unstyled.
  const draw = stylesheets.length > 0 ? cachedSharePage : drawSharePage;
  const before = drawn;
  const exposure = await getShareExposure(shareId);
  const page = exposure.shared ? await draw(shareId, stylesheets) : null;
  if (exposure.expired || (page && shareHasExpired(page.expiresAt))) {
    return html(shareExpiredHtml(stylesheets), 410, EXPIRED_SHARE_HEADERS);
  }
  if (page === null) return html(shareNotFoundHtml(stylesheets), 404);
  return html(page.html, 200, { "x-share-cache": drawn === before ? "HIT" : "MISS" });
}
