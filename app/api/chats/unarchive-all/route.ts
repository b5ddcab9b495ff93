import { unarchiveAllChats } from "@/lib/chats/writes";
import { otherMethods, route } from "@/lib/http/route";

// POST /api/chats/unarchive-all/ — bring every archived chat of the caller back to the list
export const POST = route(async ({ owner }) => {
  // A visitor with no identity yet has no chats.
  const unarchived = owner ? await unarchiveAllChats({ owner }) : 0;
  return Response.json({ unarchived });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
