import { createRequire } from "node:module";
import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";

// Tag expiry shared through PostgreSQL (lib/cache/shared-tags.cjs): compacted to one row
// per tag, pruned, and read by a new instance only as far back as it can matter.
const require = createRequire(import.meta.url);
const { createSharedTags, WINDOW_MS } = require("../../lib/cache/shared-tags.cjs");
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external");

const url = process.env.DATABASE_URL;

describe.skipIf(!url)("cache tag events on PostgreSQL", () => {
  const sql = postgres(url as string, { max: 1, onnotice: () => {} });
  const instances: { close: () => Promise<void> }[] = [];
  const instance = () => {
    const made = createSharedTags({ url });
    instances.push(made);
    return made;
  };
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.close()));
    await sql.end();
  });
  const rowsOf = (tag: string) =>
    sql`select seq::float8 as seq, expired_at from cache_tag_events where tag = ${tag}`;

  test("each expiry of a tag replaces its one row with a newer seq, and other instances learn it", async () => {
    const tag = `test:${crypto.randomUUID()}`;
    const a = instance();
    const b = instance();
    await b.sync();
    const heard: string[] = [];
    b.onExpire((t: string) => heard.push(t));

    await a.expire([tag, tag]);
    const [first] = await rowsOf(tag);
    await new Promise((r) => setTimeout(r, 5));
    await a.expire([tag]);
    const rows = await rowsOf(tag);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.seq).toBeGreaterThan(first?.seq ?? 0);

    // b stands for another process: it has not seen a's local expiry.
    tagsManifest.delete(tag);
    await b.sync();
    expect(heard).toContain(tag);
    expect(tagsManifest.get(tag)?.expired).toBeGreaterThan(0);
  });

  test("a new instance reads only events young enough to matter; pruning deletes the rest", async () => {
    const old = `test:old:${crypto.randomUUID()}`;
    const recent = `test:recent:${crypto.randomUUID()}`;
    await sql`insert into cache_tag_events (tag, expired_at)
      values (${old}, now() - ${`${WINDOW_MS + 60_000} milliseconds`}::interval), (${recent}, now())`;
    const fresh = instance();
    const heard: string[] = [];
    fresh.onExpire((t: string) => heard.push(t));
    await fresh.sync();
    expect(heard).toContain(recent);
    expect(heard).not.toContain(old);

    await fresh.prune();
    expect(await rowsOf(old)).toHaveLength(0);
    expect(await rowsOf(recent)).toHaveLength(1);
  });

  test("the in-process tag state is pruned of expiries older than the window", async () => {
    const stale = `test:manifest:${crypto.randomUUID()}`;
    tagsManifest.set(stale, { expired: Date.now() - WINDOW_MS - 1000 });
    const kept = `test:manifest:${crypto.randomUUID()}`;
    tagsManifest.set(kept, { expired: Date.now() });
    await instance().prune();
    expect(tagsManifest.has(stale)).toBe(false);
    expect(tagsManifest.has(kept)).toBe(true);
  });
});
