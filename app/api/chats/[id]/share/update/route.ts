import { toShareStateOut } from "@/lib/chats/serialize";
import { updateSnapshot } from "@/lib/chats/writes";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, ownerOrNotFound, route } from "@/lib/http/route";
import { updateSnapshotSchema } from "@/lib/validation/chat";

// POST /api/chats/<id>/share/update/ — takes a snapshot link's snapshot again from the
// chat as it is now, keeping the link; `redact` as on share/ (left out: the stored
// choice again); a live link is 409 (docs/api.md)
export const POST = route<RouteContext<"/api/chats/[id]/share/update">>(
  async ({ request, params, owner, baseUrl }) => {
    const body = updateSnapshotSchema.parse(await readJsonBody(request));
    const chat = await updateSnapshot({
      id: params.id,
      owner: ownerOrNotFound(owner),
      redact: body.redact,
    });
    return Response.json(toShareStateOut(chat, baseUrl));
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
