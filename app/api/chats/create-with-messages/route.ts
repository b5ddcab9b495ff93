import { toNewMessage } from "@/lib/chats/messages-in";
import { toChatDetailOut } from "@/lib/chats/serialize";
import { createChat } from "@/lib/chats/writes";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, route } from "@/lib/http/route";
import { createWithMessagesSchema } from "@/lib/validation/chat";

// POST /api/chats/create-with-messages/ — create a chat with 1..500 messages, all or nothing
export const POST = route(async ({ request, ensureOwner, baseUrl }) => {
  const body = createWithMessagesSchema.parse(await readJsonBody(request));
  const { chat, messages } = await createChat({
    id: body.id,
    owner: await ensureOwner(),
    title: body.title,
    messages: body.messages.map(toNewMessage),
  });
  return Response.json(toChatDetailOut(chat, messages, baseUrl), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
