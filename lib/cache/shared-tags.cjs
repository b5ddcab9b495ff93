// @ts-check
// Cache tag expiry shared by every instance of the app (plain CommonJS: Next loads the
// cache handlers that use it outside the app bundle, and the app reaches the same
// instance through globalThis).
//
// Next keeps tag state per process, in `tagsManifest`, which both of its caches read:
// full pages (the incremental cache) and "use cache" entries. Expiring a tag here sets
// it in this process's manifest and, with DATABASE_URL, upserts the tag's one row in
// cache_tag_events with a new seq. Before serving anything from a cache, every instance
// reads the rows it has not seen (sync), so a chat unshared on one instance is gone from
// all of them at the very next request. Without DATABASE_URL (the embedded database, one
// process) the manifest alone is the whole story.
//
// Bounded: expiries older than any cache entry can be are dropped from the table and the
// manifest, and past MAX_TAGS the manifest sheds its oldest half. Either way the moment
// before which expiries are no longer known moves forward (notBefore), and the cache
// handlers refuse entries made before it: forgetting an expiry never revives a page.
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external");
const { failFastOptions } = require("../../db/postgres-socket.cjs");

/**
 * The module's contract is shared-tags.d.cts (this specifier resolves to it), so the
 * implementation below is checked against what TypeScript importers are told.
 * @typedef {import("./shared-tags.cjs").SharedTags} SharedTags
 * @typedef {import("./shared-tags.cjs").SharedTagsOptions} SharedTagsOptions
 * @typedef {import("next/dist/server/lib/incremental-cache/tags-manifest.external").TagManifestEntry} TagManifestEntry
 * @typedef {import("postgres").Sql} Sql
 * A row of cache_tag_events as the queries below select it (numbers cast to float8).
 * @typedef {{ seq: number, tag: string, at: number }} EventRow
 * A successful read: performance.now() times, and the highest seq known when it ended.
 * @typedef {{ startedAt: number, endedAt: number, lastSeq: number }} ReadMark
 */

const KEY = Symbol.for("skillmate.cache-tags");

// How far back an expiry can matter: only to entries made before it, and none of ours
// lives more than minutes (read in Next 16.4's source). "use cache" entries (the default
// in-memory handler) are dropped once past their `revalidate` (60 s, SHARE_CACHE_LIFE);
// pages and route responses in the file-system cache are re-rendered, blocking, once past
// their `expire` (300 s: IncrementalCache.get marks them isStale = -1). A day is a wide
// margin over that, and the handlers refuse anything older than notBefore() anyway.
const WINDOW_MS = 24 * 60 * 60 * 1000;
// Expired tags held in memory at most (a few MB); each is a share id written to recently.
const MAX_TAGS = 50_000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
// A row's seq is taken before its statement commits, so a reader can see seq N+1 before
// N. A statement commits within this long of taking its seq, so a row the previous read
// could not see was numbered after any read that ended this long before that one began:
// each read starts from the highest seq such a read had seen, and skips the rows it
// already has. Only durations on this machine's clock are compared.
const LOOK_BACK_MS = 5_000;

/**
 * The newest moment a manifest entry speaks of: an expiry, or a stale mark.
 * @param {TagManifestEntry} entry
 */
const latestOf = (entry) => Math.max(entry.expired ?? 0, entry.stale ?? 0);

/**
 * @param {SharedTagsOptions} [options]
 * @returns {SharedTags}
 */
function createSharedTags({
  url = process.env.DATABASE_URL || undefined,
  lookBackMs = LOOK_BACK_MS,
} = {}) {
  /** @type {Sql | undefined} */
  let sql;
  // Entries made before this may have missed an expiry that is no longer known here.
  // Without a database, nothing is known of expiries before this process started.
  let floor = url ? Date.now() - WINDOW_MS : Date.now();
  /** @type {number | null} null until the first read */
  let lastSeq = null;
  // Successful reads, to find where the next one starts: { startedAt, endedAt, lastSeq }
  // with performance.now() times, one per new lastSeq, and the seqs read above `low`.
  /** @type {ReadMark[]} */
  const reads = [];
  let low = 0;
  /** @type {Set<number>} */
  const seen = new Set();
  /** @type {Promise<void> | null} */
  let running = null;
  /** @type {Promise<void> | null} */
  let queued = null;
  let prunedAt = Date.now();
  /** @type {Promise<void> | null} */
  let pruning = null;
  /** @type {Set<(tag: string) => void>} */
  const listeners = new Set();

  function client() {
    if (!sql && url) {
      const postgres = require("postgres");
      sql = postgres(url, {
        max: 2,
        idle_timeout: 30,
        onnotice: () => {},
        // While PostgreSQL is away a sync fails within seconds (and serving goes on with
        // the last known tag state) instead of holding every cached response: the app's
        // own settings (docs/operations.md; this file is outside the bundle, lib/env.ts is not).
        ...failFastOptions({ connectTimeoutS: Number(process.env.DB_CONNECT_TIMEOUT_S) || 3 }),
      });
    }
    return sql;
  }

  function pruneManifest() {
    floor = Math.max(floor, Date.now() - WINDOW_MS);
    if (tagsManifest.size > MAX_TAGS) {
      const times = Array.from(tagsManifest.values(), latestOf).sort((a, b) => b - a);
      floor = Math.max(floor, times[Math.floor(MAX_TAGS / 2)] ?? 0);
    }
    for (const [tag, entry] of tagsManifest) {
      if (latestOf(entry) <= floor) tagsManifest.delete(tag);
    }
  }

  /**
   * @param {string} tag
   * @param {number} at when it expired (ms since the epoch)
   */
  function applyLocal(tag, at) {
    // Another instance's clock may run a little ahead; an expiry "in the future" would
    // not count yet, so it is clamped to now.
    const expired = Math.min(at, Date.now());
    const entry = tagsManifest.get(tag) || {};
    if (entry.expired !== undefined && entry.expired >= expired) return;
    // At or before the floor, the handlers refuse every entry it could concern already.
    if (expired > floor) {
      tagsManifest.set(tag, { ...entry, expired });
      if (tagsManifest.size > MAX_TAGS) pruneManifest();
    }
    for (const listener of listeners) listener(tag);
  }

  /** Drops tag state older than any cache entry can be, here and in the table. */
  function prune() {
    prunedAt = Date.now();
    pruneManifest();
    const db = client();
    if (!db) return Promise.resolve();
    pruning ??=
      db`delete from cache_tag_events where expired_at < now() - ${`${WINDOW_MS} milliseconds`}::interval`
        .then(() => undefined)
        .catch((/** @type {Error} */ error) =>
          console.error("[cache] could not prune cache_tag_events:", error.message),
        )
        .finally(() => {
          pruning = null;
        });
    return pruning;
  }

  /**
   * Called only once lastSeq is a number: readRecent sets it first, and readNewEvents
   * runs only after that (hence the two casts, TypeScript cannot follow it).
   * @param {number} startedAt
   * @param {EventRow[]} rows
   */
  function record(startedAt, rows) {
    for (const row of rows) {
      const seq = Number(row.seq);
      applyLocal(row.tag, Number(row.at));
      lastSeq = Math.max(/** @type {number} */ (lastSeq), seq);
      if (seq > low) seen.add(seq);
    }
    if (reads.at(-1)?.lastSeq !== lastSeq) {
      reads.push({
        startedAt,
        endedAt: performance.now(),
        lastSeq: /** @type {number} */ (lastSeq),
      });
    }
  }

  /**
   * The first read: only what could still matter to an entry this instance might serve.
   * @param {Sql} db
   */
  async function readRecent(db) {
    const startedAt = performance.now();
    // An aggregate without group by: always exactly one row.
    const [{ top, settled }] = /** @type {[{ top: number, settled: number }]} */ (
      await db`
      select coalesce(max(seq), 0)::float8 as top,
        coalesce(max(seq) filter (where expired_at < now() - ${`${2 * lookBackMs} milliseconds`}::interval), 0)::float8 as settled
      from cache_tag_events`
    );
    const rows = /** @type {EventRow[]} */ (
      await db`
      select seq::float8 as seq, tag, (extract(epoch from expired_at) * 1000)::float8 as at
      from cache_tag_events
      where expired_at > now() - ${`${WINDOW_MS} milliseconds`}::interval
      order by expired_at desc
      limit ${MAX_TAGS}`
    );
    // More than the manifest may hold: the older ones are not learned, so entries made
    // before the oldest one learned are refused.
    if (rows.length === MAX_TAGS) floor = Math.max(floor, Number(rows.at(-1)?.at));
    rows.sort((a, b) => a.seq - b.seq);
    // Rows numbered well before this read (by their expiry time: the one place a clock
    // is trusted, once) were committed before it began.
    low = Number(settled);
    lastSeq = Number(top);
    record(startedAt, rows);
  }

  /**
   * Every read after the first. readRecent always leaves a mark in reads and the loop
   * below never drops the last one: hence the casts of reads' entries to defined marks.
   * @param {Sql} db
   */
  async function readNewEvents(db) {
    const previous = /** @type {ReadMark} */ (reads.at(-1));
    const horizon = previous.startedAt - lookBackMs;
    while (reads.length > 1 && /** @type {ReadMark} */ (reads[1]).endedAt <= horizon) reads.shift();
    const oldest = /** @type {ReadMark} */ (reads[0]);
    if (oldest.endedAt <= horizon) low = Math.max(low, oldest.lastSeq);
    for (const seq of seen) if (seq <= low) seen.delete(seq);
    const startedAt = performance.now();
    const rows = /** @type {EventRow[]} */ (
      await db`
      select seq::float8 as seq, tag, (extract(epoch from expired_at) * 1000)::float8 as at
      from cache_tag_events
      where seq > ${low} and seq <> all(${`{${[...seen].join(",")}}`}::bigint[])
      order by seq`
    );
    record(startedAt, rows);
  }

  async function read() {
    // Only sync calls this, and only once it has a client.
    const db = /** @type {Sql} */ (client());
    if (lastSeq === null) await readRecent(db);
    else await readNewEvents(db);
  }

  return {
    /**
     * Learns every expiry recorded so far. A caller always waits for a read that
     * started after it arrived: one already under way may predate the expiry it must see.
     */
    sync() {
      if (Date.now() - prunedAt > PRUNE_EVERY_MS) void prune();
      if (!client()) return Promise.resolve();
      if (!queued) {
        const previous = running ?? Promise.resolve();
        queued = previous.then(() => {
          queued = null;
          running = read()
            .catch((/** @type {Error} */ error) => {
              // Serving goes on with the last known tag state (Next's guidance for
              // refreshTags); the next request tries again.
              console.error("[cache] could not read cache_tag_events:", error.message);
            })
            .finally(() => {
              running = null;
            });
          return running;
        });
      }
      return queued;
    },

    /**
     * Expires tags at once, here and (through PostgreSQL) on every other instance. One
     * row per tag: the latest expiry replaces the one before and takes a new seq.
     */
    async expire(tags) {
      const unique = [...new Set(tags)];
      if (unique.length === 0) return;
      const now = Date.now();
      for (const tag of unique) applyLocal(tag, now);
      const db = client();
      if (!db) return;
      const at = new Date(now);
      await db`
        insert into cache_tag_events ${db(unique.map((tag) => ({ tag, expired_at: at })))}
        on conflict (tag) do update
        set seq = nextval('cache_tag_events_seq'), expired_at = excluded.expired_at`;
    },

    /** Entries made before this moment (ms) must not be served: see the file's head. */
    notBefore: () => floor,

    /** Called with each tag as it expires, here or elsewhere. */
    onExpire(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Prunes now (tests; the server prunes every few minutes on its own). */
    prune,

    // Bounded: after a connection closed under a query, postgres.js 3.4.9 would never
    // settle end() (porsager/postgres#1097).
    close: () => sql?.end({ timeout: 5 }),
  };
}

/** globalThis, where the process's one instance is kept (see the file's head). */
const holder = /** @type {typeof globalThis & { [KEY]?: SharedTags }} */ (globalThis);
holder[KEY] ??= createSharedTags();
module.exports = holder[KEY];
module.exports.createSharedTags = createSharedTags;
module.exports.WINDOW_MS = WINDOW_MS;
module.exports.MAX_TAGS = MAX_TAGS;
module.exports.LOOK_BACK_MS = LOOK_BACK_MS;
