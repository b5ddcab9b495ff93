import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "@/db/client";
import { countDiscoverableChats, listDiscoverableChats } from "@/db/queries/chats";
import { planSitemap, SITEMAP_MAX_URLS, sitemapFileWindow } from "@/lib/chats/sitemap";
import { signedInUser } from "../helpers/callers";

test("past 50,000 URLs the sitemap is an index whose files list every discoverable chat once", async () => {
  const user = await signedInUser("sitemap");
  const db = await getDb();
  const seeded = SITEMAP_MAX_URLS + 1;
  const marker = `sitemap-${crypto.randomUUID().slice(0, 8)}-`;
  await db.execute(sql`
    insert into chats_chat (user_id, title, share_id, is_shared, is_discoverable)
    select ${user.userId}, 'Seeded', ${marker} || n, true, true from generate_series(1, ${seeded}) n`);
  const total = await countDiscoverableChats();
  expect(total).toBeGreaterThanOrEqual(seeded);
  const plan = planSitemap(total);
  expect(plan).toEqual({ kind: "index", files: Math.ceil((total + 1) / SITEMAP_MAX_URLS) });

  const seen = new Set<string>();
  for (let file = 0; file < (plan.kind === "index" ? plan.files : 1); file++) {
    const window = sitemapFileWindow(file);
    const chats = await listDiscoverableChats(window);
    expect(chats.length + (window.withHome ? 1 : 0)).toBeLessThanOrEqual(SITEMAP_MAX_URLS);
    for (const chat of chats) {
      expect(seen.has(chat.shareId)).toBe(false);
      seen.add(chat.shareId);
    }
  }
  const ours = [...seen].filter((id) => id.startsWith(marker));
  expect(ours).toHaveLength(seeded);
  await db.execute(sql`delete from chats_chat where user_id = ${user.userId}`);
});
