import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { SearchCursor } from "@/lib/chats/cursor";
import { getDb } from "../client";
import { executedRows } from "../raw-rows";
import { chats, messages } from "../schema";
import { type Owner, ownerCondition, ownerKey } from "./chats";

export type SearchHit = {
  chatId: string;
  title: string;
  /** Archived chats are searched too; the result says so. */
  isArchived: boolean;
  messageId: string | null;
  /** The matched text with each match between HIGHLIGHT_START and HIGHLIGHT_END. */
  headline: string;
  createdAt: Date;
  rank: number;
  id: string;
};

// Control characters no chat text carries: lib/chats/search-snippet.ts turns the text
// between them into highlight ranges.
export const HIGHLIGHT_START = "\u0001";
export const HIGHLIGHT_END = "\u0002";
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=28, MinWords=12, ShortWord=2`;

// Both expressions are those of the GIN indexes in db/schema.ts, so that PostgreSQL
// finds the matching rows through them; a message must also hold its owner's lexeme,
// so that the index hands over only the caller's (the join to their chats stays, as the
// check that counts). A title match outweighs a message match (weight
// A against the default D), so a chat named after the words comes first.
const titleVector = sql`to_tsvector('english', ${chats.title})`;
const contentVector = sql`to_tsvector('english', ${messages.content})`;
const indexedContent = sql`(${contentVector} || array_to_tsvector(array[coalesce(${messages.ownerKey}, '-')]))`;

/**
 * The owner's chats whose title or messages match `query` (web search syntax: words,
 * "phrases", or, -not), best first, `limit` after `cursor`. Ranks are float4 computed the
 * same way on every page, so (rank, id) is a keyset. Headlines are drawn only for the
 * page's rows: ts_headline parses the text again and is the costly part.
 */
export async function searchChats({
  owner,
  query,
  limit,
  cursor,
}: {
  owner: Owner;
  query: string;
  limit: number;
  cursor?: SearchCursor;
}): Promise<{ hits: SearchHit[]; hasMore: boolean }> {
  const db = await getDb();
  // Written out where it is used rather than taken from a CTE, so that the planner sees
  // the words themselves and searches the GIN index with them.
  const tsquery = sql`websearch_to_tsquery('english', ${query})`;
  const after: SQL = cursor
    ? sql`where (rank, id) < (${cursor.rank}::real, ${cursor.id}::uuid)`
    : sql``;
  const statement = sql`
      with hits as (
        select ${chats.id} as chat_id, null::uuid as message_id, ${chats.createdAt} as created_at,
          ts_rank(setweight(${titleVector}, 'A'), ${tsquery})::real as rank, ${chats.id} as id
        from ${chats}
        where ${ownerCondition(owner)} and ${titleVector} @@ ${tsquery}
        union all
        select ${messages.chatId}, ${messages.id}, ${messages.createdAt},
          ts_rank(${contentVector}, ${tsquery})::real, ${messages.id}
        from ${messages} join ${chats} on ${chats.id} = ${messages.chatId}
        where ${ownerCondition(owner)} and numnode(${tsquery}) > 0
          and ${indexedContent} @@ (${tsquery} && ${ownerKey(owner)}::tsquery)
      ),
      page as (
        select * from hits ${after} order by rank desc, id desc limit ${limit + 1}
      )
      select page.chat_id, page.message_id, page.created_at, page.rank, page.id, c.title, c.is_archived,
        ts_headline('english', coalesce(m.content, c.title), ${tsquery}, ${HEADLINE_OPTIONS}) as headline
      from page
        join ${chats} c on c.id = page.chat_id
        left join ${messages} m on m.id = page.message_id
      order by page.rank desc, page.id desc`;
  // A prepared statement's generic plan, blind to the words, walks every message of the
  // owner instead of asking the index (seconds at 200,000 messages): this one is planned
  // for its own words each time.
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
    return tx.execute(statement);
  });
  const rows = executedRows<{
    chat_id: string;
    title: string;
    is_archived: boolean;
    message_id: string | null;
    headline: string;
    created_at: string | Date;
    rank: number;
    id: string;
  }>(result);
  const hits = rows.map((row) => ({
    chatId: row.chat_id,
    title: row.title,
    isArchived: row.is_archived,
    messageId: row.message_id,
    headline: row.headline,
    createdAt: new Date(row.created_at),
    rank: Number(row.rank),
    id: row.id,
  }));
  return { hits: hits.slice(0, limit), hasMore: hits.length > limit };
}
