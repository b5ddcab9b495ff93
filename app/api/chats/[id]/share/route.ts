import { toggleSharingOrThrow, updateOwnedChatOrThrow } from "@/db/queries/chats";
import { expireSharedChat } from "@/lib/cache/public-cache";
import { shareUrl } from "@/lib/chats/serialize";
import { readJsonBody } from "@/lib/http/json-body";
import { notAllowed, ownerOrNotFound, route } from "@/lib/http/route";
import { shareChatSchema } from "@/lib/validation/chat";

// POST /api/chats/<id>/share/ — `{}` toggles sharing; `{"is_shared": bool}` sets it
export const POST = route<{ id: string }>(async ({ request, params, owner, baseUrl }) => {
  const body = shareChatSchema.parse(await readJsonBody(request));
  const chatOwner = ownerOrNotFound(owner);
  const chat =
    body.is_shared === undefined
      ? await toggleSharingOrThrow({ id: params.id, owner: chatOwner })
      : await updateOwnedChatOrThrow({
          id: params.id,
          owner: chatOwner,
          changes: { isShared: body.is_shared },
        });
  await expireSharedChat(chat.shareId);
  return Response.json({
    is_shared: chat.isShared,
    share_id: chat.shareId,
    share_url: chat.isShared ? shareUrl(baseUrl, chat.shareId) : null,
  });
});

export const GET = notAllowed("POST");
export const PUT = notAllowed("POST");
export const PATCH = notAllowed("POST");
export const DELETE = notAllowed("POST");
