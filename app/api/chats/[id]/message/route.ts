import { getMessageInChat } from "@/db/queries/chats";
import { toNewMessage } from "@/lib/chats/messages-in";
import { saveMessages } from "@/lib/chats/save-messages";
import { toMessageOut } from "@/lib/chats/serialize";
import { readJsonBody } from "@/lib/http/json-body";
import { notAllowed, ownerOrNotFound, route } from "@/lib/http/route";
import { messageInSchema } from "@/lib/validation/chat";

// POST /api/chats/<id>/message/ — save one message, idempotently by id
export const POST = route<{ id: string }>(async ({ request, params, owner }) => {
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
});

export const GET = notAllowed("POST");
export const PUT = notAllowed("POST");
export const PATCH = notAllowed("POST");
export const DELETE = notAllowed("POST");
