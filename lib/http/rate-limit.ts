import { AppError } from "@/lib/errors";

const WINDOW_MS = 60_000;
// Bounded so that a flood of distinct callers cannot grow memory without limit.
const MAX_KEYS = 50_000;

/**
 * A fixed-window counter per caller, in this process. It stops one client from
 * hammering writes; a multi-instance deployment wanting a global limit needs a shared
 * store (Redis), which this interface leaves room for.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: number) {}

  /** Throws 429 rate_limited (with the seconds to wait) once `key` is over its limit. */
  hit(key: string, now = Date.now()): void {
    if (this.limit === 0) return;
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size >= MAX_KEYS) this.evictExpired(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > this.limit) {
      const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
      throw new AppError(
        "rate_limited",
        `Too many requests: try again in ${retryAfter} s.`,
        undefined,
        {
          "retry-after": String(retryAfter),
        },
      );
    }
  }

  private evictExpired(now: number) {
    for (const [key, window] of this.windows) {
      if (now - window.start >= WINDOW_MS) this.windows.delete(key);
    }
    if (this.windows.size >= MAX_KEYS) this.windows.clear();
  }
}
