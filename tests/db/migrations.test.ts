import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "@/db/client";

const journal = JSON.parse(readFileSync("db/migrations/meta/_journal.json", "utf8")) as {
  entries: unknown[];
};

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const db = await getDb();
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  // postgres.js returns the rows; PGlite returns { rows }.
  return Array.isArray(result) ? result : result.rows;
}

test("migrations apply cleanly to an empty database", async () => {
  const tables = await rows<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
  );
  expect(tables.map((t) => t.table_name)).toEqual([
    "accounts",
    "cache_tag_events",
    "chats_chat",
    "chats_chatmessage",
    "chats_share_snapshot",
    "rate_limits",
    "sessions",
    "users",
    "verification_tokens",
  ]);
  const applied = await rows<{ n: number }>(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  expect(applied[0]?.n).toBe(journal.entries.length);
});

test("the indexes the API's queries need exist", async () => {
  const indexes = await rows<{ indexname: string; indexdef: string }>(
    sql`select indexname, indexdef from pg_indexes where schemaname = 'public'`,
  );
  const defs = Object.fromEntries(indexes.map((i) => [i.indexname, i.indexdef]));
  expect(defs.chats_chat_user_updated_idx).toMatch(
    /\(user_id, is_archived, updated_at DESC, id DESC\)/,
  );
  expect(defs.chats_chat_guest_updated_idx).toMatch(
    /\(guest_id, is_archived, updated_at DESC, id DESC\)/,
  );
  expect(defs.chats_chat_user_pinned_idx).toMatch(/\(user_id, updated_at DESC, id DESC\) WHERE/);
  expect(defs.chats_chat_user_shared_idx).toMatch(/\(user_id, updated_at DESC, id DESC\) WHERE/);
  expect(defs.chats_chatmessage_chat_order_idx).toMatch(/\(chat_id, created_at, seq\)/);
  expect(defs.chats_chat_share_id_key).toMatch(/UNIQUE INDEX .* \(share_id\)/);
});
