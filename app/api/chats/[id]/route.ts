import {
  deleteOwnedChatOrThrow,
  getOwnedChatWithMessagesOrThrow,
  listMessagesByChat,
  updateOwnedChatOrThrow,
} from "@/db/queries/chats";
import { expireSharedChat } from "@/lib/cache/public-cache";
import { guestCannotPublish } from "@/lib/chats/publishing";
import { toChatDetailOut } from "@/lib/chats/serialize";
import { readJsonBody } from "@/lib/http/json-body";
import { notAllowed, ownerOrNotFound, route } from "@/lib/http/route";
import { patchChatSchema } from "@/lib/validation/chat";

type Params = { id: string };

// GET /api/chats/<id>/ — the owner's chat with its messages
export const GET = route<Params>(async ({ params, owner, baseUrl }) => {
  const { chat, messages } = await getOwnedChatWithMessagesOrThrow({
    id: params.id,
    owner: ownerOrNotFound(owner),
  });
  return Response.json(toChatDetailOut(chat, messages, baseUrl));
});

// PATCH /api/chats/<id>/ — rename, share or unshare, set discoverability
export const PATCH = route<Params>(async ({ request, params, caller, owner, baseUrl }) => {
  const body = patchChatSchema.parse(await readJsonBody(request));
  // Before any write, so that no other field of this PATCH applies either.
  if (body.is_discoverable && caller.kind === "guest") throw guestCannotPublish();
  const chat = await updateOwnedChatOrThrow({
    id: params.id,
    owner: ownerOrNotFound(owner),
    changes: { title: body.title, isShared: body.is_shared, isDiscoverable: body.is_discoverable },
  });
  // Anything visible on a shared page changed, or sharing itself did.
  if (chat.isShared || body.is_shared !== undefined) await expireSharedChat(chat.shareId);
  const messages = await listMessagesByChat({ chatId: chat.id });
  return Response.json(toChatDetailOut(chat, messages, baseUrl));
});

// DELETE /api/chats/<id>/ — delete the chat and its messages; its share link dies at once
export const DELETE = route<Params>(async ({ params, owner }) => {
  const { shareId } = await deleteOwnedChatOrThrow({
    id: params.id,
    owner: ownerOrNotFound(owner),
  });
  await expireSharedChat(shareId);
  return new Response(null, { status: 204 });
});

export const POST = notAllowed("GET, PATCH, DELETE");
export const PUT = notAllowed("GET, PATCH, DELETE");
