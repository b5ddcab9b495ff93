import { toShareStateOut } from "@/lib/chats/serialize";
import { rotateShareLink } from "@/lib/chats/writes";
import { otherMethods, ownerOrNotFound, route } from "@/lib/http/route";

// POST /api/chats/<id>/share/rotate/ — a new share id, shared or not (no body, as
// unshare-all); the old link is dead at once on every instance
export const POST = route<RouteContext<"/api/chats/[id]/share/rotate">>(
  async ({ params, owner, baseUrl }) => {
    const chat = await rotateShareLink({ id: params.id, owner: ownerOrNotFound(owner) });
    return Response.json(toShareStateOut(chat, baseUrl));
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
