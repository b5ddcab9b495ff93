import { listMessagesByChat } from "@/db/queries/chats";
import { toNewMessage } from "@/lib/chats/messages-in";
import { toChatDetailOut } from "@/lib/chats/serialize";
import { saveMessages } from "@/lib/chats/writes";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, ownerOrNotFound, route } from "@/lib/http/route";
import { appendMessagesSchema } from "@/lib/validation/chat";

// POST /api/chats/<id>/messages/ — save 1..500 messages, idempotently by id, all or nothing
export const POST = route<RouteContext<"/api/chats/[id]/messages">>(
  async ({ request, params, owner, baseUrl }) => {
    const body = appendMessagesSchema.parse(await readJsonBody(request));
    const { chat } = await saveMessages({
      chatId: params.id,
      owner: ownerOrNotFound(owner),
      messages: body.messages.map(toNewMessage),
    });
    const messages = await listMessagesByChat({ chatId: chat.id });
    return Response.json(toChatDetailOut(chat, messages, baseUrl), { status: 201 });
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
