import { toChatDetailOut } from "@/lib/chats/serialize";
import { branchChat } from "@/lib/chats/writes";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, ownerOrNotFound, route } from "@/lib/http/route";
import { branchChatSchema } from "@/lib/validation/chat";

// POST /api/chats/<id>/branch/ — a new chat holding this one up to a message of it; the
// original is untouched
export const POST = route<RouteContext<"/api/chats/[id]/branch">>(
  async ({ request, params, owner, baseUrl }) => {
    const body = branchChatSchema.parse(await readJsonBody(request));
    const { chat, messages } = await branchChat({
      id: params.id,
      owner: ownerOrNotFound(owner),
      through: body.through,
      newId: body.id,
    });
    return Response.json(toChatDetailOut(chat, messages, baseUrl), { status: 201 });
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
