import { getSharedChatByShareId } from "@/db/queries/chats";
import { toSharedChatOut } from "@/lib/chats/serialize";
import { AppError } from "@/lib/errors";
import { notAllowed, route } from "@/lib/http/route";
import { SHARE_ID_PATTERN } from "@/lib/share-id";

// GET /api/chats/share/<share_id>/ — a shared chat, for anyone, while it is shared
export const GET = route<{ shareId: string }>(async ({ params }) => {
  const shared = SHARE_ID_PATTERN.test(params.shareId)
    ? await getSharedChatByShareId({ shareId: params.shareId })
    : null;
  if (!shared) throw new AppError("not_found", "No shared chat at this link.");
  return Response.json(toSharedChatOut(shared.chat, shared.messages));
});

export const POST = notAllowed("GET");
export const PUT = notAllowed("GET");
export const PATCH = notAllowed("GET");
export const DELETE = notAllowed("GET");
