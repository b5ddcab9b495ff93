import { toChatDetailOut } from "@/lib/chats/serialize";
import { continueSharedChat } from "@/lib/chats/writes";
import { otherMethods, route } from "@/lib/http/route";

// POST /api/chats/share/<share_id>/continue/ — copy a shared chat into a new chat of the
// caller (a visitor gets a guest identity); the original is untouched
export const POST = route<RouteContext<"/api/chats/share/[shareId]/continue">>(
  async ({ params, ensureOwner, baseUrl }) => {
    const { chat, messages } = await continueSharedChat({
      shareId: params.shareId,
      owner: await ensureOwner(),
    });
    return Response.json(toChatDetailOut(chat, messages, baseUrl), { status: 201 });
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
