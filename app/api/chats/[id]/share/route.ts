import { toShareStateOut } from "@/lib/chats/serialize";
import { setSharing } from "@/lib/chats/writes";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, ownerOrNotFound, route } from "@/lib/http/route";
import { shareChatSchema } from "@/lib/validation/chat";

// POST /api/chats/<id>/share/ — `{}` toggles sharing; `{"is_shared": bool}` sets it;
// `expires_in` (seconds, or null for never) sets when the link stops working,
// `new_link` gives it a new share id as it shares, `mode` makes it live or a snapshot
// (hiding the findings of `redact`) (docs/api.md)
export const POST = route<RouteContext<"/api/chats/[id]/share">>(
  async ({ request, params, owner, baseUrl }) => {
    const body = shareChatSchema.parse(await readJsonBody(request));
    const chat = await setSharing({
      id: params.id,
      owner: ownerOrNotFound(owner),
      isShared: body.is_shared,
      expiresIn: body.expires_in,
      newLink: body.new_link,
      mode: body.mode,
      redact: body.redact,
    });
    return Response.json(toShareStateOut(chat, baseUrl));
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
