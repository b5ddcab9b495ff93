// What lib/edge/ asks of an edge cache: Varnish, a CDN, or anything else that can drop
// the responses it stored under a tag.

export type EdgePurger = {
  /** How logs and the health check name it: an address or an account id, never a secret. */
  name: string;
  /**
   * Resolves once the edge confirmed the purge; rejects saying why not. `signal` aborts
   * an attempt that took too long.
   */
  purge(tags: string[], signal: AbortSignal): Promise<void>;
};
