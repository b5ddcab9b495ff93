import { describe, expect, test } from "vitest";
import { createTagMemo } from "@/lib/cache/tag-memo";

// The memo behind the proxy's share answers and the sessions' revocation state
// (lib/cache/tag-memo.ts). Tags here are one process's: an expiry reaches the listeners
// at once, as shared-tags delivers one another instance recorded at the next sync.
function localTags() {
  const listeners = new Set<(tag: string) => void>();
  return {
    sync: async () => {},
    expire(tag: string) {
      for (const listener of listeners) listener(tag);
    },
    onExpire(listener: (tag: string) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function counted<V>(read: (key: string) => V) {
  const reads: string[] = [];
  const load = async (key: string) => {
    reads.push(key);
    return read(key);
  };
  return { reads, load };
}

describe("createTagMemo", () => {
  test("reads a key once, and again only after its own tag expires", async () => {
    const tags = localTags();
    const { reads, load } = counted((key) => `value of ${key}`);
    const memo = createTagMemo({ tags, tagPrefix: "item:", maxEntries: 10, load });
    expect(await memo.get("a")).toBe("value of a");
    expect(await memo.get("a")).toBe("value of a");
    expect(await memo.get("b")).toBe("value of b");
    expect(reads).toEqual(["a", "b"]);

    tags.expire("item:a");
    // Another kind of tag with the same key after its prefix.
    tags.expire("user:b");
    await memo.get("a");
    await memo.get("b");
    expect(reads).toEqual(["a", "b", "a"]);
  });

  test("holds at most maxEntries, dropping the least recently used", async () => {
    const { reads, load } = counted((key) => key);
    const memo = createTagMemo({ tags: localTags(), tagPrefix: "item:", maxEntries: 2, load });
    await memo.get("a");
    await memo.get("b");
    await memo.get("a"); // now the most recent
    await memo.get("c"); // drops b
    expect(memo.size()).toBe(2);
    await memo.get("a");
    await memo.get("b");
    expect(reads).toEqual(["a", "b", "c", "b"]);
  });

  test("a value read while an expiry arrived is served but not kept", async () => {
    const tags = localTags();
    const { reads, load } = counted((key) => {
      // The write and its expiry land between the read and its answer.
      tags.expire(`item:${key}`);
      return `stale ${key}`;
    });
    const memo = createTagMemo({ tags, tagPrefix: "item:", maxEntries: 10, load });
    expect(await memo.get("a")).toBe("stale a");
    expect(memo.size()).toBe(0);
    await memo.get("a");
    expect(reads).toEqual(["a", "a"]);
  });

  test("fresh and keep decide what is served from memory and what is remembered", async () => {
    let now = 0;
    const { reads, load } = counted((key) => ({ key, at: now }));
    const memo = createTagMemo({
      tags: localTags(),
      tagPrefix: "item:",
      maxEntries: 10,
      load,
      fresh: (value) => now - value.at < 5,
      keep: (value) => value.key !== "never",
    });
    await memo.get("a");
    now = 4;
    await memo.get("a");
    now = 5;
    await memo.get("a");
    await memo.get("never");
    await memo.get("never");
    expect(reads).toEqual(["a", "a", "never", "never"]);
    expect(memo.size()).toBe(1);
  });
});
