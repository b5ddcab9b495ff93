import { createChatWithMessages } from "@/db/queries/chats";
import { toNewMessage } from "@/lib/chats/messages-in";
import { toChatDetailOut } from "@/lib/chats/serialize";
import { readJsonBody } from "@/lib/http/json-body";
import { notAllowed, route } from "@/lib/http/route";
import { createWithMessagesSchema } from "@/lib/validation/chat";

// POST /api/chats/create-with-messages/ — create a chat with 1..500 messages, all or nothing
export const POST = route(async ({ request, ensureOwner, baseUrl }) => {
  const body = createWithMessagesSchema.parse(await readJsonBody(request));
  const { chat, messages } = await createChatWithMessages({
    owner: await ensureOwner(),
    title: body.title,
    messages: body.messages.map(toNewMessage),
  });
  return Response.json(toChatDetailOut(chat, messages, baseUrl), { status: 201 });
});

export const GET = notAllowed("POST");
export const PUT = notAllowed("POST");
export const PATCH = notAllowed("POST");
export const DELETE = notAllowed("POST");
