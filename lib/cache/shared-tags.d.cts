// The module's contract, for TypeScript importers (lib/cache/public-cache.ts,
// lib/chats/share-exposure.ts) and for shared-tags.cjs itself: the implementation names
// these types in its JSDoc (`import("./shared-tags.cjs")` resolves to this file), so
// `tsc` fails if the two disagree.
declare namespace sharedTags {
  interface SharedTags {
    /** Learns every expiry recorded so far (resolves even when the read fails). */
    sync(): Promise<void>;
    /** Expires tags at once, here and on every other instance. */
    expire(tags: string[]): Promise<void>;
    /** Entries made before this moment (ms since the epoch) must not be served. */
    notBefore(): number;
    /** Called with each tag as it expires, here or elsewhere; returns the unsubscribe. */
    onExpire(listener: (tag: string) => void): () => boolean;
    /** Drops tag state older than any cache entry can be, here and in the table. */
    prune(): Promise<void>;
    /** Ends the PostgreSQL client, if one was opened. */
    close(): Promise<void> | undefined;
  }

  interface SharedTagsOptions {
    /** PostgreSQL URL; without one, expiries stay in this process. */
    url?: string | undefined;
    /** How long a statement may take between its seq and its commit (ms). */
    lookBackMs?: number | undefined;
  }
}

/** The process's one instance (kept on globalThis), with the factory and its bounds. */
declare const sharedTags: sharedTags.SharedTags & {
  /** A separate instance, as another process would have (tests). */
  createSharedTags(options?: sharedTags.SharedTagsOptions): sharedTags.SharedTags;
  WINDOW_MS: number;
  MAX_TAGS: number;
  LOOK_BACK_MS: number;
};
export = sharedTags;
