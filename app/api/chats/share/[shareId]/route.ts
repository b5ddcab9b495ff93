import { edgeTagHeaders, shareCacheHeaders } from "@/lib/cache/edge-headers";
import { sharedChatExpired, sharedChatNotFound } from "@/lib/chats/errors";
import { getPublicChat } from "@/lib/chats/public-chat";
import { shareHasExpired } from "@/lib/chats/serialize";
import { SHARE_ID_PATTERN } from "@/lib/chats/share-id";
import { otherMethods, route } from "@/lib/http/route";

// GET /api/chats/share/<share_id>/ — a shared chat, for anyone, while it is shared
export const GET = route<RouteContext<"/api/chats/share/[shareId]">>(async ({ params }) => {
  // A malformed id is refused before any cache work, so it cannot fill the cache.
  const shared = SHARE_ID_PATTERN.test(params.shareId) ? await getPublicChat(params.shareId) : null;
  if (!shared) throw sharedChatNotFound();
  // Checked at serving time: the cached value may outlive the link. The 410 is never
  // stored, so extending the link works at once everywhere.
  if (shareHasExpired(shared.share_expires_at)) throw sharedChatExpired();
  const { share_id, title, created_at, updated_at, messages, share_expires_at } = shared;
  // The contract's body, no more (the page-only fields stay on the page).
  const body = { share_id, title, created_at, updated_at, messages };
  const expiresAt = share_expires_at === null ? undefined : Date.parse(share_expires_at);
  return Response.json(body, {
    headers: { ...shareCacheHeaders(expiresAt), ...edgeTagHeaders(params.shareId) },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
