import { deleteAllChats } from "@/lib/chats/writes";
import { otherMethods, route } from "@/lib/http/route";

// POST /api/chats/delete-all/ — delete every chat of the caller, archived ones too
export const POST = route(async ({ owner }) => {
  // A visitor with no identity yet has no chats.
  const deleted = owner ? await deleteAllChats({ owner }) : 0;
  return Response.json({ deleted });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
