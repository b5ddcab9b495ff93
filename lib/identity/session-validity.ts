import "server-only";
import { getUserSessionsValidAfter } from "@/db/queries/users";
import sharedTags from "@/lib/cache/shared-tags.cjs";
import { createTagMemo } from "@/lib/cache/tag-memo";
import { decodeSession } from "@/lib/identity/session-decode";
import { SIGNED_IN_AT, signedInAtOf } from "@/lib/identity/session-token";

// Whether a signed-in session still counts. Sessions are stateless JWTs, so ending them
// (a password change, "sign out everywhere", a deleted account) needs one piece of state
// per user: users.sessions_valid_after, or no row at all. Reading it per request would
// undo the session's cost budget (docs/benchmarks.md), so each instance remembers it per
// user, and every change to it expires the tag `user:<id>` through the shared tag events
// (lib/cache/shared-tags.cjs, docs/caching.md): each instance learns the expiry at its next
// request, drops what it remembered and reads the row once more.

export const userTag = (userId: string) => `user:${userId}`;

export const MAX_USERS = 10_000;
// A safety net, not the mechanism: an expiry that could not be recorded (the database
// went away between a revocation and its event) still reaches every instance this late.
export const MAX_AGE_MS = 5 * 60 * 1000;

type Tags = Pick<typeof sharedTags, "sync" | "expire" | "onExpire" | "notBefore">;
/** A user's row as revocation needs it: null when deleted; else valid after (ms), or null. */
type Lookup = (userId: string) => Promise<{ validAfter: number | null } | null>;
type Known = { validAfter: number | null; gone: boolean; at: number };

export function createSessionValidity({
  tags,
  lookup,
  maxUsers = MAX_USERS,
}: {
  tags: Tags;
  lookup: Lookup;
  maxUsers?: number;
}) {
  const memo = createTagMemo<Known>({
    tags,
    tagPrefix: userTag(""),
    maxEntries: maxUsers,
    load: async (userId) => {
      const at = Date.now();
      const row = await lookup(userId);
      return { validAfter: row?.validAfter ?? null, gone: row === null, at };
    },
    fresh: (state) => state.at >= tags.notBefore() && Date.now() - state.at < MAX_AGE_MS,
  });

  return {
    /** Whether a session of `userId` signed in at `signedInAt` (ms) still counts. */
    async isCurrent(userId: string, signedInAt: number): Promise<boolean> {
      const state = await memo.get(userId);
      if (state.gone) return false;
      return state.validAfter === null || signedInAt > state.validAfter;
    },

    /** After a write that ends sessions of these users (committed): tell every instance. */
    changed(userIds: string[]): Promise<void> {
      return tags.expire(userIds.map(userTag));
    },

    /** How many users are remembered (tests: the bound). */
    size: memo.size,
  };
}

/** The process's one instance. */
export const sessionValidity = createSessionValidity({
  tags: sharedTags,
  lookup: async (userId) => {
    const row = await getUserSessionsValidAfter({ id: userId });
    return row && { validAfter: row.validAfter?.getTime() ?? null };
  },
});

/**
 * Auth.js's `jwt` callback (lib/identity/auth.ts), through which every token it signs
 * passes: at sign-in (`signingIn`) the token is stamped with the moment, which
 * revocation compares with; every later re-signing (its session endpoint) keeps the stamp
 * and refuses a session that has ended (null: Auth.js clears the cookie), so that an
 * ended session cannot be renewed into a fresh one.
 */
export async function checkedSessionToken<T extends { sub?: string | null }>(
  token: T,
  signingIn: boolean,
): Promise<(T & { [SIGNED_IN_AT]: number }) | null> {
  if (signingIn) return { ...token, [SIGNED_IN_AT]: Date.now() };
  const signedInAt = signedInAtOf(token);
  if (!token.sub || !(await sessionValidity.isCurrent(token.sub, signedInAt))) return null;
  return { ...token, [SIGNED_IN_AT]: signedInAt };
}

/**
 * Auth.js's `jwt.decode` (lib/identity/auth.ts): an ended session reads as no session.
 * Auth.js decodes the cookie outside the `jwt` callback too: an OAuth sign-in links the
 * new provider account to the user of the session cookie it finds, and without this a
 * stolen, ended session could link its holder's GitHub account to the victim's account.
 */
export async function decodeLiveSession(
  params: Parameters<typeof decodeSession>[0],
): ReturnType<typeof decodeSession> {
  const token = await decodeSession(params);
  if (!token) return null;
  if (!token.sub || !(await sessionValidity.isCurrent(token.sub, signedInAtOf(token)))) {
    return null;
  }
  return token;
}
