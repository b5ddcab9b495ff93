import { createRequire } from "node:module";
import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";

// Tag expiry shared through PostgreSQL (lib/cache/shared-tags.cjs): compacted to one row
// per tag, pruned, read by a new instance only as far back as it can matter, and never
// missing a row that commits after one numbered later.
const require = createRequire(import.meta.url);
const { createSharedTags, WINDOW_MS, MAX_TAGS } = require("../../lib/cache/shared-tags.cjs");
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external");

type SharedTags = {
  sync(): Promise<void>;
  expire(tags: string[]): Promise<void>;
  notBefore(): number;
  onExpire(listener: (tag: string) => void): () => boolean;
  prune(): Promise<void>;
  close(): Promise<void>;
};

const url = process.env.DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newTag = (label: string) => `test:${label}:${crypto.randomUUID()}`;

describe.skipIf(!url)("cache tag events on PostgreSQL", () => {
  const sql = postgres(url as string, { max: 3, onnotice: () => {} });
  const instances: SharedTags[] = [];
  /** A shared-tags instance of its own, as another process of the app would have. */
  const instance = (options: { lookBackMs?: number } = {}): SharedTags => {
    const made = createSharedTags({ url, ...options });
    instances.push(made);
    return made;
  };
  /** Tags an instance hears of, here or from another instance. */
  const listen = (tags: SharedTags) => {
    const heard = new Set<string>();
    tags.onExpire((t) => heard.add(t));
    return heard;
  };
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.close()));
    await sql.end();
  });
  const rowsOf = (tag: string) =>
    sql`select seq::float8 as seq, expired_at from cache_tag_events where tag = ${tag}`;

  test("each expiry of a tag replaces its one row with a newer seq, and other instances learn it", async () => {
    const tag = newTag("twice");
    const a = instance();
    const b = instance();
    await b.sync();
    const heard = listen(b);

    await a.expire([tag, tag]);
    const [first] = await rowsOf(tag);
    await sleep(5);
    await a.expire([tag]);
    const rows = await rowsOf(tag);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.seq).toBeGreaterThan(first?.seq ?? 0);

    // b stands for another process: it has not seen a's local expiry.
    tagsManifest.delete(tag);
    await b.sync();
    expect(heard.has(tag)).toBe(true);
    expect(tagsManifest.get(tag)?.expired).toBeGreaterThan(0);
  });

  test("a new instance reads only events young enough to matter; pruning deletes the rest", async () => {
    const old = newTag("old");
    const recent = newTag("recent");
    await sql`insert into cache_tag_events (tag, expired_at)
      values (${old}, now() - ${`${WINDOW_MS + 60_000} milliseconds`}::interval), (${recent}, now())`;
    const fresh = instance();
    const heard = listen(fresh);
    await fresh.sync();
    expect(heard.has(recent)).toBe(true);
    expect(heard.has(old)).toBe(false);
    // What it did not read cannot matter: entries older than the window are refused.
    expect(fresh.notBefore()).toBeGreaterThanOrEqual(Date.now() - WINDOW_MS - 60_000);

    await fresh.prune();
    expect(await rowsOf(old)).toHaveLength(0);
    expect(await rowsOf(recent)).toHaveLength(1);
  });

  test("a row that commits after a later-numbered one is still learned, at start and later", async () => {
    const b = instance({ lookBackMs: 300 });
    const heard = listen(b);
    // Another process's expiry, as shared-tags writes it (this process's manifest untouched).
    const expireElsewhere = (tag: string) =>
      sql`insert into cache_tag_events (tag, expired_at) values (${tag}, now())
        on conflict (tag) do update set seq = nextval('cache_tag_events_seq'), expired_at = excluded.expired_at`;

    /** Expires `tag` in a transaction left open until `commit` is called. */
    async function expireUncommitted(tag: string) {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let numbered: (seq: number) => void = () => {};
      const seq = new Promise<number>((resolve) => {
        numbered = resolve;
      });
      const done = sql.begin(async (tx) => {
        const [row] = await tx`insert into cache_tag_events (tag, expired_at) values (${tag}, now())
          on conflict (tag) do update set seq = nextval('cache_tag_events_seq'), expired_at = excluded.expired_at
          returning seq::float8 as seq`;
        numbered(Number(row?.seq));
        await released;
      });
      return {
        seq: await seq,
        commit: async () => {
          release();
          await done;
        },
      };
    }

    // At start: b's first read happens while an earlier-numbered row is uncommitted.
    const lateAtStart = newTag("late-at-start");
    const atStart = await expireUncommitted(lateAtStart);
    const overtaking = newTag("overtaking");
    await expireElsewhere(overtaking);
    await b.sync();
    expect(heard.has(overtaking)).toBe(true);
    expect(heard.has(lateAtStart)).toBe(false);
    await atStart.commit();
    await b.sync();
    expect(heard.has(lateAtStart)).toBe(true);

    // Later, once b's reads have moved past the look-back: the same race again.
    await sleep(400);
    await expireElsewhere(newTag("step"));
    await b.sync();
    await sleep(400);
    const late = newTag("late");
    const pending = await expireUncommitted(late);
    const overtakingAgain = newTag("overtaking-again");
    await expireElsewhere(overtakingAgain);
    await b.sync();
    expect(heard.has(overtakingAgain)).toBe(true);
    expect(heard.has(late)).toBe(false);
    const [overtakingRow] = await rowsOf(overtakingAgain);
    // The race is real: a reader going by `seq > last seen` alone would now skip it.
    expect(pending.seq).toBeLessThan(overtakingRow?.seq ?? 0);
    await pending.commit();
    await b.sync();
    expect(heard.has(late)).toBe(true);
  });

  test("a new instance holds at most MAX_TAGS expiries, and refuses entries older than those it holds", async () => {
    const prefix = `test:many:${crypto.randomUUID()}:`;
    await sql`insert into cache_tag_events (tag, expired_at)
      select ${prefix} || n, now() - make_interval(secs => n) from generate_series(1, ${MAX_TAGS + 10}) n`;
    const fresh = instance();
    await fresh.sync();
    // The newest MAX_TAGS rows were learned, down to the one expired MAX_TAGS seconds ago.
    expect(fresh.notBefore()).toBeGreaterThan(Date.now() - (MAX_TAGS + 5) * 1000);
    expect(tagsManifest.size).toBeLessThanOrEqual(MAX_TAGS);
    expect(tagsManifest.has(`${prefix}1`)).toBe(true);
    expect(tagsManifest.has(`${prefix}${MAX_TAGS + 10}`)).toBe(false);
    await sql`delete from cache_tag_events where tag like ${`${prefix}%`}`;
  });
});

describe("Next's in-process tag state", () => {
  test("expiries older than the window are pruned, and entries older than the window refused", async () => {
    const tags: SharedTags = createSharedTags({ url: null });
    await sleep(2);
    const stale = newTag("manifest-stale");
    const kept = newTag("manifest-kept");
    tagsManifest.set(stale, { expired: Date.now() - WINDOW_MS - 1000 });
    tagsManifest.set(kept, { expired: Date.now() });
    await tags.prune();
    expect(tagsManifest.has(stale)).toBe(false);
    expect(tagsManifest.has(kept)).toBe(true);
    expect(tags.notBefore()).toBeGreaterThanOrEqual(Date.now() - WINDOW_MS - 1000);
  });

  test("past MAX_TAGS the oldest half goes, and entries made before what was dropped are refused", async () => {
    const tags: SharedTags = createSharedTags({ url: null });
    await sleep(2);
    const now = Date.now();
    const prefix = `test:cap:${crypto.randomUUID()}:`;
    // Distinct times, newest first: tag i expired i ms ago.
    for (let i = 0; i < MAX_TAGS; i++) tagsManifest.set(`${prefix}${i}`, { expired: now - i });
    const trigger = newTag("one-more");
    await tags.expire([trigger]);
    expect(tagsManifest.size).toBeLessThanOrEqual(MAX_TAGS / 2 + 1);
    expect(tagsManifest.has(trigger)).toBe(true);
    expect(tagsManifest.has(`${prefix}0`)).toBe(true);
    expect(tagsManifest.has(`${prefix}${MAX_TAGS - 1}`)).toBe(false);
    // Whatever was dropped expired at or before notBefore: entries made before it are refused.
    expect(tags.notBefore()).toBeGreaterThanOrEqual(now - MAX_TAGS);
    expect(tags.notBefore()).toBeLessThan(now);
    for (const key of [...tagsManifest.keys()])
      if (key.startsWith(prefix)) tagsManifest.delete(key);
  });
});
