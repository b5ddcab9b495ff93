import { ApiError } from "./chats-api";

// A save that fails on the way (no answer, or the server's 503 while its database is
// down) is sent again unchanged, ids included: the server stores a message once by its
// id, so a resend that lands after an earlier attempt did doubles nothing
// (shared/api-contract.md). The person's words are waiting on it, so it keeps trying
// while the page is open; at one attempt per 15 s at most, an hour's outage costs a tab
// some 240 small requests.

/** 502 and 504 are what a proxy answers while the app behind it restarts. */
const TRANSIENT_STATUS = new Set([0, 502, 503, 504]);
const FIRST_DELAY_MS = 1_000;
const MAX_BACKOFF_MS = 15_000;
/** The server's Retry-After is followed up to this; "Retry now" skips any wait. */
const MAX_RETRY_AFTER_MS = 30_000;

/** Whether the same request may succeed later. 429 is a quota, not an outage: no. */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && TRANSIENT_STATUS.has(error.status);
}

/** How long to wait before attempt `failures + 1`. */
export function retryDelay(error: unknown, failures: number): number {
  const asked = error instanceof ApiError ? error.retryAfterMs : undefined;
  // Jitter, so that the tabs one outage cut off do not all come back in the same instant;
  // a floor, so that "Retry-After: 0" from a server still down is not a tight loop.
  if (asked !== undefined) {
    const wait = Math.min(Math.max(asked, FIRST_DELAY_MS), MAX_RETRY_AFTER_MS);
    return wait * (1 + Math.random() / 4);
  }
  const step = Math.min(FIRST_DELAY_MS * 2 ** (failures - 1), MAX_BACKOFF_MS);
  return step / 2 + (Math.random() * step) / 2;
}

/** Between attempts: when the next one starts, or null while an attempt is on its way. */
export type Wait = { failures: number; retryAt: number | null };

/**
 * Runs a request until it succeeds, fails for good, or `signal` aborts (Stop), telling
 * `onWait` where it stands (null once it is over). `now()` ends the current wait.
 */
export class Retrier {
  private wake: (() => void) | null = null;

  constructor(
    private readonly signal: AbortSignal,
    private readonly onWait: (wait: Wait | null) => void,
  ) {}

  now() {
    this.wake?.();
  }

  async run<T>(attempt: () => Promise<T>): Promise<T> {
    try {
      for (let failures = 1; ; failures++) {
        this.signal.throwIfAborted();
        try {
          return await attempt();
        } catch (error) {
          if (this.signal.aborted || !isTransient(error)) throw error;
          const delay = retryDelay(error, failures);
          this.onWait({ failures, retryAt: Date.now() + delay });
          await this.sleep(delay);
          this.onWait({ failures, retryAt: null });
        }
      }
    } finally {
      this.onWait(null);
    }
  }

  /** Waits `ms`, less when woken or when the browser is back online; rejects on abort. */
  private sleep(ms: number): Promise<void> {
    const { signal } = this;
    return new Promise((resolve, reject) => {
      const end = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", stop);
        window.removeEventListener("online", wake);
        this.wake = null;
      };
      const wake = () => {
        end();
        resolve();
      };
      const stop = () => {
        end();
        reject(signal.reason);
      };
      const timer = setTimeout(wake, ms);
      signal.addEventListener("abort", stop, { once: true });
      window.addEventListener("online", wake);
      this.wake = wake;
    });
  }
}
