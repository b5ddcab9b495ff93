// Cache tag expiry shared by every instance of the app (plain CommonJS: Next loads the
// cache handlers that use it outside the app bundle, and the app reaches the same
// instance through globalThis).
//
// Next keeps tag state per process, in `tagsManifest`, which both of its caches read:
// full pages (the incremental cache) and "use cache" entries. Expiring a tag here sets
// it in this process's manifest and, with DATABASE_URL, appends a row to
// cache_tag_events. Before serving anything from a cache, every instance reads the rows
// it has not seen (sync), so a chat unshared on one instance is gone from all of them
// at the very next request. Without DATABASE_URL (the embedded database, one process)
// the manifest alone is the whole story.
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external");

const KEY = Symbol.for("skillmate.cache-tags");
const RETENTION = "30 days";

function createSharedTags() {
  const url = process.env.DATABASE_URL || undefined;
  let sql;
  let lastSeq = 0;
  let running = null;
  let queued = null;
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
    if (!(entry.expired >= expired)) tagsManifest.set(tag, { ...entry, expired });
    for (const listener of listeners) listener(tag);
  }

  async function readNewEvents() {
    const db = client();
    if (!db) return;
    const rows = await db`
      select seq, tag, (extract(epoch from expired_at) * 1000)::float8 as at
      from cache_tag_events where seq > ${lastSeq} order by seq`;
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
      if (!client()) return Promise.resolve();
      if (!queued) {
        const previous = running ?? Promise.resolve();
        queued = previous.then(() => {
          queued = null;
          running = readNewEvents()
            .catch((error) => {
              // Serving goes on with the last known tag state (Next's guidance for
              // refreshTags); the next request tries again.
              console.error("[cache] could not read cache_tag_events", error);
            })
            .finally(() => {
              running = null;
            });
          return running;
        });
      }
      return queued;
    },

    /** Expires tags at once, here and (through PostgreSQL) on every other instance. */
    async expire(tags) {
      if (tags.length === 0) return;
      const now = Date.now();
      for (const tag of tags) applyLocal(tag, now);
      const db = client();
      if (!db) return;
      const at = new Date(now);
      await db`insert into cache_tag_events ${db(tags.map((tag) => ({ tag, expired_at: at })))}`;
      // Old events only matter to cache entries older still, which are gone by then.
      if (Math.random() < 0.01) {
        await db`delete from cache_tag_events where expired_at < now() - ${RETENTION}::interval`;
      }
    },

    /** Called with each tag as it expires, here or elsewhere. */
    onExpire(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

globalThis[KEY] ??= createSharedTags();
module.exports = globalThis[KEY];
