import type sharedTags from "@/lib/cache/shared-tags.cjs";

type Tags = Pick<typeof sharedTags, "sync" | "onExpire">;

/**
 * Values read per key and remembered in this process until the tag `<tagPrefix><key>`
 * expires: here, or on another instance, which this one learns at its next `tags.sync()`
 * (shared tag events, docs/caching.md). The least recently used is dropped past
 * `maxEntries`, so keys that clients make up cannot grow it.
 */
export function createTagMemo<V>({
  tags,
  tagPrefix,
  maxEntries,
  load,
  fresh = () => true,
  keep = () => true,
}: {
  tags: Tags;
  tagPrefix: string;
  maxEntries: number;
  load: (key: string) => Promise<V>;
  /** Whether a remembered value may still be served (an age limit, a link's expiry). */
  fresh?: (value: V) => boolean;
  /** Whether a value just read may be remembered at all. */
  keep?: (value: V) => boolean;
}) {
  const known = new Map<string, V>();
  // Counts expiries under the prefix: a value read while one arrived may predate it.
  let expiries = 0;

  tags.onExpire((tag) => {
    if (!tag.startsWith(tagPrefix)) return;
    expiries += 1;
    known.delete(tag.slice(tagPrefix.length));
  });

  async function get(key: string): Promise<V> {
    // Without a shared database this resolves at once (one process: expiries are local).
    await tags.sync();
    const cached = known.get(key);
    if (cached !== undefined) {
      // Deleted and set again: a Map iterates in insertion order, so this marks it recent.
      known.delete(key);
      if (fresh(cached)) {
        known.set(key, cached);
        return cached;
      }
    }
    const before = expiries;
    const value = await load(key);
    if (expiries === before && keep(value)) {
      if (known.size >= maxEntries) known.delete(known.keys().next().value as string);
      known.set(key, value);
    }
    return value;
  }

  /** How many values are remembered (tests: the bound). */
  return { get, size: () => known.size };
}
