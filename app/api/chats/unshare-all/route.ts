import { unshareAll } from "@/lib/chats/writes";
import { otherMethods, route } from "@/lib/http/route";

// POST /api/chats/unshare-all/ — revoke every share link of the caller at once
export const POST = route(async ({ owner }) => {
  // A visitor with no identity yet has nothing shared.
  const unshared = owner ? await unshareAll({ owner }) : 0;
  return Response.json({ unshared });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
