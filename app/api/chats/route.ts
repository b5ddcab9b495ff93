import { listChatsByOwner } from "@/db/queries/chats";
import { decodeCursor, encodeCursor } from "@/lib/chats/cursor";
import { toNewMessage } from "@/lib/chats/messages-in";
import { toChatDetailOut, toChatOut } from "@/lib/chats/serialize";
import { createChat } from "@/lib/chats/writes";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, route } from "@/lib/http/route";
import { createChatSchema, listChatsQuerySchema } from "@/lib/validation/chat";

// GET /api/chats/ — the caller's chats, most recently updated first, keyset-paginated
export const GET = route(async ({ request, owner, baseUrl }) => {
  const query = listChatsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (!owner) return Response.json({ results: [], next_cursor: null });
  const page = await listChatsByOwner({ owner, ...query, cursor });
  const last = page.chats.at(-1);
  return Response.json({
    results: page.chats.map((chat) => toChatOut(chat, baseUrl)),
    next_cursor: page.hasMore && last ? encodeCursor(last) : null,
  });
});

// POST /api/chats/ — create a chat, optionally with its first messages
export const POST = route(async ({ request, ensureOwner, baseUrl }) => {
  const body = createChatSchema.parse(await readJsonBody(request));
  const { chat, messages } = await createChat({
    id: body.id,
    owner: await ensureOwner(),
    title: body.title,
    messages: body.messages?.map(toNewMessage),
  });
  return Response.json(toChatDetailOut(chat, messages, baseUrl), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
