import { archiveAllChats } from "@/lib/chats/writes";
import { otherMethods, route } from "@/lib/http/route";

// POST /api/chats/archive-all/ — archive every chat of the caller at once
export const POST = route(async ({ owner }) => {
  // A visitor with no identity yet has no chats.
  const archived = owner ? await archiveAllChats({ owner }) : 0;
  return Response.json({ archived });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
