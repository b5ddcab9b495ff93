import { getOwnedChatOrThrow } from "@/lib/chats/reads";
import { otherMethods, ownerOrNotFound, route } from "@/lib/http/route";
import { scanChat } from "@/lib/privacy/scan";
import type { PrivacyCheckOut } from "@/lib/validation/privacy";

// GET /api/chats/<id>/share/check/ — what looks private in the chat, before it goes public
export const GET = route<RouteContext<"/api/chats/[id]/share/check">>(async ({ params, owner }) => {
  const { chat, messages } = await getOwnedChatOrThrow({
    id: params.id,
    owner: ownerOrNotFound(owner),
  });
  const body: PrivacyCheckOut = scanChat({ title: chat.title, messages });
  return Response.json(body, { headers: { "cache-control": "private, no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
