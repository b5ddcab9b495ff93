import { checkChatPrivacy } from "@/lib/chats/share-check";
import { otherMethods, ownerOrNotFound, route } from "@/lib/http/route";

// GET /api/chats/<id>/share/check/ — what looks private in the chat, before it goes
// public, and which of it the chat's snapshot hides
export const GET = route<RouteContext<"/api/chats/[id]/share/check">>(async ({ params, owner }) => {
  const body = await checkChatPrivacy({ id: params.id, owner: ownerOrNotFound(owner) });
  return Response.json(body, { headers: { "cache-control": "private, no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
