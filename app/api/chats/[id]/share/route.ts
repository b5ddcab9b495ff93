import { shareUrl } from "@/lib/chats/serialize";
import { setSharing } from "@/lib/chats/writes";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, ownerOrNotFound, route } from "@/lib/http/route";
import { shareChatSchema } from "@/lib/validation/chat";

// POST /api/chats/<id>/share/ — `{}` toggles sharing; `{"is_shared": bool}` sets it
export const POST = route<RouteContext<"/api/chats/[id]/share">>(
  async ({ request, params, owner, baseUrl }) => {
    const body = shareChatSchema.parse(await readJsonBody(request));
    const chat = await setSharing({
      id: params.id,
      owner: ownerOrNotFound(owner),
      isShared: body.is_shared,
    });
    return Response.json({
      is_shared: chat.isShared,
      share_id: chat.shareId,
      share_url: chat.isShared ? shareUrl(baseUrl, chat.shareId) : null,
    });
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
