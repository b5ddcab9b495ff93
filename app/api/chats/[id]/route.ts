import { listMessagesByChat } from "@/db/queries/chats";
import { getOwnedChatOrThrow } from "@/lib/chats/reads";
import { toChatDetailOut } from "@/lib/chats/serialize";
import { deleteChat, updateChat } from "@/lib/chats/writes";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, ownerOrNotFound, route } from "@/lib/http/route";
import { patchChatSchema } from "@/lib/validation/chat";

type Context = RouteContext<"/api/chats/[id]">;

// GET /api/chats/<id>/ — the owner's chat with its messages
export const GET = route<Context>(async ({ params, owner, baseUrl }) => {
  const { chat, messages } = await getOwnedChatOrThrow({
    id: params.id,
    owner: ownerOrNotFound(owner),
  });
  return Response.json(toChatDetailOut(chat, messages, baseUrl));
});

// PATCH /api/chats/<id>/ — rename, share or unshare, set discoverability, pin, archive
export const PATCH = route<Context>(async ({ request, params, owner, baseUrl }) => {
  const body = patchChatSchema.parse(await readJsonBody(request));
  const chat = await updateChat({
    id: params.id,
    owner: ownerOrNotFound(owner),
    changes: {
      title: body.title,
      isShared: body.is_shared,
      isDiscoverable: body.is_discoverable,
      isPinned: body.is_pinned,
      isArchived: body.is_archived,
    },
  });
  const messages = await listMessagesByChat({ chatId: chat.id });
  return Response.json(toChatDetailOut(chat, messages, baseUrl));
});

// DELETE /api/chats/<id>/ — delete the chat and its messages; its share link dies at once
export const DELETE = route<Context>(async ({ params, owner }) => {
  await deleteChat({ id: params.id, owner: ownerOrNotFound(owner) });
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
