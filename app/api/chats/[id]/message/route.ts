import { getMessageInChat } from "@/db/queries/chats";
import { toNewMessage } from "@/lib/chats/messages-in";
import { toMessageOut } from "@/lib/chats/serialize";
import { saveMessages } from "@/lib/chats/writes";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, ownerOrNotFound, route } from "@/lib/http/route";
import { messageInSchema } from "@/lib/validation/chat";

// POST /api/chats/<id>/message/ — save one message, idempotently by id
export const POST = route<RouteContext<"/api/chats/[id]/message">>(
  async ({ request, params, owner }) => {
    const body = messageInSchema.parse(await readJsonBody(request));
    const { chat, inserted } = await saveMessages({
      chatId: params.id,
      owner: ownerOrNotFound(owner),
      messages: [toNewMessage(body)],
    });
    // A retry of a stored message answers with the stored one, as the first call did.
    const message =
      inserted[0] ?? (body.id ? await getMessageInChat({ chatId: chat.id, id: body.id }) : null);
    if (!message) throw new Error("message neither inserted nor found");
    return Response.json(toMessageOut(message), { status: 201 });
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
