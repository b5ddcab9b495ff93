import { searchChats } from "@/db/queries/chat-search";
import { decodeSearchCursor, encodeSearchCursor } from "@/lib/chats/cursor";
import { toSearchResultOut } from "@/lib/chats/serialize";
import { otherMethods, route } from "@/lib/http/route";
import { searchQuerySchema } from "@/lib/validation/chat";

// GET /api/chats/search/?q= — full-text search of the caller's titles and messages, best first
export const GET = route(async ({ request, owner }) => {
  const query = searchQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const cursor = query.cursor ? decodeSearchCursor(query.cursor) : undefined;
  if (!owner) return Response.json({ results: [], next_cursor: null });
  const page = await searchChats({ owner, query: query.q, limit: query.limit, cursor });
  const last = page.hits.at(-1);
  return Response.json({
    results: page.hits.map(toSearchResultOut),
    next_cursor: page.hasMore && last ? encodeSearchCursor(last) : null,
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
