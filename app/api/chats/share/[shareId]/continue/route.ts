import { createChatWithMessages, getSharedChatByShareId } from "@/db/queries/chats";
import { toChatDetailOut } from "@/lib/chats/serialize";
import { AppError } from "@/lib/errors";
import { notAllowed, route } from "@/lib/http/route";
import { SHARE_ID_PATTERN } from "@/lib/share-id";

// POST /api/chats/share/<share_id>/continue/ — copy a shared chat into a new chat of the
// caller (a visitor gets a guest identity); the original is untouched
export const POST = route<{ shareId: string }>(async ({ params, ensureOwner, baseUrl }) => {
  // Read fresh, not from the cache: a chat unshared a moment ago must not be copied.
  const shared = SHARE_ID_PATTERN.test(params.shareId)
    ? await getSharedChatByShareId({ shareId: params.shareId })
    : null;
  if (!shared) throw new AppError("not_found", "No shared chat at this link.");
  const { chat, messages } = await createChatWithMessages({
    owner: await ensureOwner(),
    title: shared.chat.title,
    messages: shared.messages
      .filter((m) => !m.isError)
      .map((m) => ({ messageType: m.messageType, content: m.content })),
  });
  return Response.json(toChatDetailOut(chat, messages, baseUrl), { status: 201 });
});

export const GET = notAllowed("POST");
