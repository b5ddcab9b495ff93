import { createRequire } from "node:module";
import { afterAll, describe, expect, test, vi } from "vitest";
import { getUserSessionsValidAfter, revokeUserSessions } from "@/db/queries/users";
import { createSessionValidity, userTag } from "@/lib/identity/session-validity";
import { signedInUser } from "../helpers/callers";

// Ending sessions across instances (lib/identity/session-validity.ts): each instance
// remembers a user's sessions_valid_after, and forgets it when the tag user:<id> expires
// through the shared tag events. Two instances here are two validity caches, each with
// its own shared-tags link to PostgreSQL, as two processes of the app would have.
const require = createRequire(import.meta.url);
const { createSharedTags } = require("../../lib/cache/shared-tags.cjs");
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external");

const url = process.env.DATABASE_URL;

const lookup = async (userId: string) => {
  const row = await getUserSessionsValidAfter({ id: userId });
  return row && { validAfter: row.validAfter?.getTime() ?? null };
};

describe.skipIf(!url)("session revocation on two instances (PostgreSQL)", () => {
  const links: { close(): Promise<void> }[] = [];
  const instance = () => {
    const tags = createSharedTags({ url });
    links.push(tags);
    const reads = vi.fn(lookup);
    return { validity: createSessionValidity({ tags, lookup: reads }), reads };
  };
  afterAll(async () => {
    await Promise.all(links.map((l) => l.close()));
  });

  test("a session ended through instance A is refused by instance B at its next request", async () => {
    const a = instance();
    const b = instance();
    const user = await signedInUser("two-instances");
    const signedInAt = Date.now() - 1_000;
    expect(await a.validity.isCurrent(user.userId, signedInAt)).toBe(true);
    expect(await b.validity.isCurrent(user.userId, signedInAt)).toBe(true);
    // Remembered: later requests read no row.
    expect(await b.validity.isCurrent(user.userId, signedInAt)).toBe(true);
    expect(b.reads).toHaveBeenCalledTimes(1);

    // What POST /api/account/sign-out-everywhere/ does on A: the row, then the tag.
    const validAfter = Date.now();
    await revokeUserSessions({ id: user.userId, validAfter: new Date(validAfter) });
    await a.validity.changed([user.userId]);
    // B stands for another process: it has not seen A's local expiry (one manifest here).
    tagsManifest.delete(userTag(user.userId));

    expect(await b.validity.isCurrent(user.userId, signedInAt)).toBe(false);
    expect(b.reads).toHaveBeenCalledTimes(2);
    // The fresh cookie of a password change (stamped just after) counts on both.
    expect(await b.validity.isCurrent(user.userId, validAfter + 1)).toBe(true);
    expect(await a.validity.isCurrent(user.userId, validAfter + 1)).toBe(true);
    // Exactly at the moment: ended (a token stamped in that millisecond may predate it).
    expect(await b.validity.isCurrent(user.userId, validAfter)).toBe(false);
  });

  test("without the tag, B keeps what it knew: the expiry is what carries the revocation", async () => {
    const a = instance();
    const b = instance();
    const user = await signedInUser("no-tag");
    const signedInAt = Date.now() - 1_000;
    expect(await b.validity.isCurrent(user.userId, signedInAt)).toBe(true);
    await revokeUserSessions({ id: user.userId, validAfter: new Date() });
    expect(await b.validity.isCurrent(user.userId, signedInAt)).toBe(true);
    await a.validity.changed([user.userId]);
    tagsManifest.delete(userTag(user.userId));
    expect(await b.validity.isCurrent(user.userId, signedInAt)).toBe(false);
  });
});

describe("session validity in one process", () => {
  test("remembers users within its bound, and a deleted user's sessions end", async () => {
    const expired = new Set<(tag: string) => void>();
    const tags = {
      sync: async () => {},
      notBefore: () => 0,
      expire: async (list: string[]) => {
        for (const tag of list) for (const listener of expired) listener(tag);
      },
      onExpire: (listener: (tag: string) => void) => {
        expired.add(listener);
        return () => expired.delete(listener);
      },
    };
    const rows = new Map<string, { validAfter: number | null } | null>();
    const validity = createSessionValidity({
      tags,
      lookup: async (id) => rows.get(id) ?? null,
      maxUsers: 3,
    });
    for (const id of ["u1", "u2", "u3", "u4"]) {
      rows.set(id, { validAfter: null });
      expect(await validity.isCurrent(id, 1)).toBe(true);
    }
    expect(validity.size()).toBe(3);
    rows.set("u4", null);
    expect(await validity.isCurrent("u4", 1)).toBe(true);
    await validity.changed(["u4"]);
    expect(await validity.isCurrent("u4", Date.now())).toBe(false);
  });
});
