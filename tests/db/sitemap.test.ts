import { sql } from "drizzle-orm";
import { afterAll, expect, test } from "vitest";
import { getDb } from "@/db/client";
import {
  countDiscoverableChats,
  listDiscoverableChats,
  listSitemapFileStarts,
} from "@/db/queries/chats";
import { planSitemap, SITEMAP_MAX_URLS, sitemapSlice } from "@/lib/chats/sitemap";
import { guest, signedInUser } from "../helpers/callers";

// The sitemap's files as lib/chats/sitemap-files.ts builds them, from the database.
// Other test files may add discoverable chats meanwhile (one PostgreSQL database per
// run): a cut is taken again until the set held still while it was read.
async function cutIntoFiles(perFile: number) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const total = await countDiscoverableChats();
    const plan = planSitemap(total, perFile);
    const starts = plan.kind === "index" ? await listSitemapFileStarts({ perFile }) : [];
    const files: string[][] = [];
    const count = plan.kind === "index" ? plan.files : 1;
    for (let file = 0; file < count; file++) {
      const slice =
        plan.kind === "index"
          ? sitemapSlice(file, plan.files, starts, perFile)
          : { withHome: true, after: null, limit: perFile - 1 };
      if (!slice) throw new Error(`file ${file} of ${count} has no slice`);
      const chats = await listDiscoverableChats({ after: slice.after, limit: slice.limit });
      files.push([...(slice.withHome ? ["home"] : []), ...chats.map((c) => c.shareId)]);
    }
    const all = await listDiscoverableChats({ after: null, limit: total + 1_000 });
    if (all.length === total && (await countDiscoverableChats()) === total) {
      return { plan, files, all: all.map((c) => c.shareId) };
    }
  }
  throw new Error("the discoverable chats kept changing");
}

const seededBy: string[] = [];
afterAll(async () => {
  const db = await getDb();
  for (const userId of seededBy)
    await db.execute(sql`delete from chats_chat where user_id = ${userId}`);
});

/** `n` shared, discoverable chats of a new account, in one statement. */
async function seed(n: number, marker: string) {
  const user = await signedInUser("sitemap");
  seededBy.push(user.userId);
  const db = await getDb();
  await db.execute(sql`
    insert into chats_chat (user_id, title, share_id, is_shared, is_discoverable)
    select ${user.userId}, 'Seeded', ${marker} || n, true, true from generate_series(1, ${n}) n`);
}

function expectExactCover(files: string[][], all: string[], perFile: number) {
  for (const file of files) {
    expect(file.length).toBeGreaterThan(0);
    expect(file.length).toBeLessThanOrEqual(perFile);
  }
  expect(files.flat()).toEqual(["home", ...all]);
}

test("files of 7 URLs cut by the database hold the home page and every discoverable chat once, in id order", async () => {
  await seed(40, `small-${crypto.randomUUID().slice(0, 8)}-`);
  const { plan, files, all } = await cutIntoFiles(7);
  expect(plan.kind).toBe("index");
  expectExactCover(files, all, 7);
});

test("a guest's chat is never listed, even shared (the database refuses it discoverable)", async () => {
  const db = await getDb();
  const visitor = guest("sitemap-guest");
  const shareId = `guest-${crypto.randomUUID().slice(0, 8)}`;
  await expect(
    db.execute(sql`insert into chats_chat (guest_id, share_id, is_shared, is_discoverable)
      values (${visitor.guestId}, ${shareId}, true, true)`),
  ).rejects.toThrow();
  await db.execute(sql`insert into chats_chat (guest_id, share_id, is_shared)
    values (${visitor.guestId}, ${shareId}, true)`);
  const { all } = await cutIntoFiles(SITEMAP_MAX_URLS);
  expect(all).not.toContain(shareId);
  await db.execute(sql`delete from chats_chat where share_id = ${shareId}`);
});

test("past 50,000 URLs: an index whose files of at most 50,000 URLs hold every discoverable chat once", async () => {
  const marker = `big-${crypto.randomUUID().slice(0, 8)}-`;
  await seed(SITEMAP_MAX_URLS + 1, marker);
  const { plan, files, all } = await cutIntoFiles(SITEMAP_MAX_URLS);
  expect(plan).toEqual({ kind: "index", files: Math.ceil((all.length + 1) / SITEMAP_MAX_URLS) });
  expectExactCover(files, all, SITEMAP_MAX_URLS);
  expect(files[0]).toHaveLength(SITEMAP_MAX_URLS);
  expect(all.filter((id) => id.startsWith(marker))).toHaveLength(SITEMAP_MAX_URLS + 1);
  // 50,001 chats seeded and read back: 24–28 s on the embedded database in CI on 2026-12-02,
  // and once past the default 30 s on a slower moment of this shared machine.
}, 120_000);
