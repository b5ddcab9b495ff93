// Cache tag expiry shared by every instance of the app (plain CommonJS: Next loads the
// cache handlers that use it outside the app bundle, and the app reaches the same
// instance through globalThis).
//
// Next keeps tag state per process, in `tagsManifest`, which both of its caches read:
// full pages (the incremental cache) and "use cache" entries. Expiring a tag here sets
// it in this process's manifest and, with DATABASE_URL, upserts the tag's row in
// cache_tag_events. Before serving anything from a cache, every instance reads the rows
// it has not seen (sync), so a chat unshared on one instance is gone from all of them
// at the very next request. Without DATABASE_URL (the embedded database, one process)
// the manifest alone is the whole story. Both the table and the manifest are pruned of
// expiries older than any cache entry can be, so neither grows without bound.
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external");

const KEY = Symbol.for("skillmate.cache-tags");

// How long an expiry can matter: only to cache entries made before it, and no entry
// lives longer than this ("use cache" entries expire after their revalidate time, a
// minute; full pages older than this are refused by isr-handler.cjs). Older events, and
// Next's in-process tag state for them, are dropped; a new instance reads only newer ones.
const WINDOW_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
// Rows are numbered when written but become visible when committed, so one numbered
// just below the last seen may appear a moment later: each read also looks back this far.
const LOOK_BACK = "5 seconds";

function createSharedTags({ url = process.env.DATABASE_URL || undefined } = {}) {
  let sql;
  let lastSeq = null;
  let running = null;
  let queued = null;
  let prunedAt = Date.now();
  const listeners = new Set();

  function client() {
    if (!sql && url) {
      const postgres = require("postgres");
      sql = postgres(url, { max: 2, idle_timeout: 30, onnotice: () => {} });
    }
    return sql;
  }

  function applyLocal(tag, at) {
    // Another instance's clock may run a little ahead; an expiry "in the future" would
    // not count yet, so it is clamped to now.
    const expired = Math.min(at, Date.now());
    const entry = tagsManifest.get(tag) || {};
    if (entry.expired >= expired) return;
    tagsManifest.set(tag, { ...entry, expired });
    for (const listener of listeners) listener(tag);
  }

  /** Drops tag state older than any cache entry can be, here (and in the table). */
  async function prune(db) {
    prunedAt = Date.now();
    const cutoff = Date.now() - WINDOW_MS;
    for (const [tag, entry] of tagsManifest) {
      if (!(entry.expired > cutoff) && !(entry.stale > cutoff)) tagsManifest.delete(tag);
    }
    if (db) {
      await db`delete from cache_tag_events where expired_at < now() - ${`${WINDOW_MS} milliseconds`}::interval`;
    }
  }

  async function readNewEvents() {
    const db = client();
    if (Date.now() - prunedAt > PRUNE_EVERY_MS) await prune(db);
    if (!db) return;
    const rows =
      lastSeq === null
        ? // A new instance: only what could still matter to an entry it might serve.
          await db`
            select seq, tag, (extract(epoch from expired_at) * 1000)::float8 as at
            from cache_tag_events
            where expired_at > now() - ${`${WINDOW_MS} milliseconds`}::interval
            order by seq`
        : await db`
            select seq, tag, (extract(epoch from expired_at) * 1000)::float8 as at
            from cache_tag_events
            where seq > ${lastSeq} or expired_at > now() - ${LOOK_BACK}::interval
            order by seq`;
    if (lastSeq === null) {
      const [{ max }] = await db`select coalesce(max(seq), 0)::float8 as max from cache_tag_events`;
      lastSeq = Number(max);
    }
    for (const row of rows) {
      applyLocal(row.tag, Number(row.at));
      lastSeq = Math.max(lastSeq, Number(row.seq));
    }
  }

  return {
    /**
     * Learns every expiry recorded so far. A caller always waits for a read that
     * started after it arrived: one already under way may predate the expiry it must see.
     */
    sync() {
      if (!client()) {
        if (Date.now() - prunedAt > PRUNE_EVERY_MS) return prune(null);
        return Promise.resolve();
      }
      if (!queued) {
        const previous = running ?? Promise.resolve();
        queued = previous.then(() => {
          queued = null;
          running = readNewEvents()
            .catch((error) => {
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

    /** Called with each tag as it expires, here or elsewhere. */
    onExpire(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Prunes now (tests; the server prunes every few minutes on its own). */
    prune: () => prune(client()),

    close: () => sql?.end(),
  };
}

globalThis[KEY] ??= createSharedTags();
module.exports = globalThis[KEY];
module.exports.createSharedTags = createSharedTags;
module.exports.WINDOW_MS = WINDOW_MS;
