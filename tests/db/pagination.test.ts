import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db/client";
import { listChatsByOwner } from "@/db/queries/chats";
import { chats } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/chats/cursor";
import { signedInUser } from "../helpers/callers";

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await (await getDb()).execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

async function allPages(owner: { userId: string }, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listChatsByOwner({
      owner,
      limit,
      cursor: cursor ? decodeCursor(cursor) : undefined,
    });
    seen.push(...page.chats.map((c) => c.id));
    const last = page.chats.at(-1);
    if (!page.hasMore || !last) return seen;
    cursor = encodeCursor(last);
  }
}

test("chats with the very same updated_at are neither skipped nor repeated", async () => {
  const { userId } = await signedInUser();
  const db = await getDb();
  const same = new Date("2026-01-02T03:04:05.678Z");
  await db.insert(chats).values(
    Array.from({ length: 7 }, (_, i) => ({
      userId,
      shareId: `same-ms-${crypto.randomUUID()}`.slice(0, 22) + i,
      updatedAt: same,
    })),
  );
  const seen = await allPages({ userId }, 2);
  expect(seen).toHaveLength(7);
  expect(new Set(seen).size).toBe(7);
});

describe("at 10,000 chats", () => {
  let userId: string;
  beforeAll(async () => {
    ({ userId } = await signedInUser("many"));
    // 10,000 chats for this user and 10,000 for others, spread over time.
    await (await getDb()).execute(sql`
      insert into chats_chat (user_id, guest_id, share_id, updated_at, created_at)
      select case when i % 2 = 0 then ${userId} else null end,
             case when i % 2 = 0 then null else gen_random_uuid() end,
             'seed' || i || '-' || substr(md5(random()::text), 1, 10),
             now() - (i || ' seconds')::interval,
             now() - (i || ' seconds')::interval
      from generate_series(1, 20000) as i`);
    await (await getDb()).execute(sql`analyze chats_chat`);
  }, 120_000);

  test("a deep page seeks the (user, updated_at, id) index with a row-value comparison", async () => {
    const page = await listChatsByOwner({ owner: { userId }, limit: 50 });
    expect(page.chats).toHaveLength(50);
    const deep = await rows<{ updated_at: string; id: string }>(
      sql`select updated_at::text, id from chats_chat where user_id = ${userId} order by updated_at desc, id desc offset 9000 limit 1`,
    );
    const cursor = deep[0];
    if (!cursor) throw new Error("seed missing");
    const plan = await rows<{ "QUERY PLAN": string }>(sql`
      explain select * from chats_chat
      where user_id = ${userId} and is_archived = false
        and (updated_at, id) < (${cursor.updated_at}::timestamptz, ${cursor.id}::uuid)
      order by updated_at desc, id desc limit 51`);
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/Index Scan using chats_chat_user_updated_idx/);
    expect(text).toMatch(
      /Index Cond: \(\(user_id = .*\) AND \(is_archived = false\) AND \(ROW\(updated_at, id\) < ROW\(/,
    );
    expect(text).not.toMatch(/Sort/);
  });

  test("the pinned and shared lists read their partial indexes, not every chat", async () => {
    for (const [flag, index] of [
      ["is_pinned", "chats_chat_user_pinned_idx"],
      ["is_shared", "chats_chat_user_shared_idx"],
    ] as const) {
      const plan = await rows<{ "QUERY PLAN": string }>(sql`
        explain select * from chats_chat
        where user_id = ${userId} and is_archived = false and ${sql.identifier(flag)}
        order by updated_at desc, id desc limit 51`);
      const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
      expect(text, flag).toMatch(new RegExp(`Index Scan using ${index}`));
      expect(text, flag).not.toMatch(/Sort/);
    }
  });
});
