import { edgeTagHeaders } from "@/lib/cache/edge-headers";
import { sharedChatNotFound } from "@/lib/chats/errors";
import { getPublicChat } from "@/lib/chats/public-chat";
import { SHARE_ID_PATTERN } from "@/lib/chats/share-id";
import { otherMethods, route } from "@/lib/http/route";

// GET /api/chats/share/<share_id>/ — a shared chat, for anyone, while it is shared
export const GET = route<RouteContext<"/api/chats/share/[shareId]">>(async ({ params }) => {
  // A malformed id is refused before any cache work, so it cannot fill the cache.
  const shared = SHARE_ID_PATTERN.test(params.shareId) ? await getPublicChat(params.shareId) : null;
  if (!shared) throw sharedChatNotFound();
  const { is_discoverable: _, shared_at: __, ...body } = shared;
  return Response.json(body, {
    headers: {
      "cache-control": "public, max-age=0, s-maxage=60",
      ...edgeTagHeaders(params.shareId),
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
