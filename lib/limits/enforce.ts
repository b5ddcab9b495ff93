import "server-only";
import { RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type LimitSpec, limiterFor } from "./store";

/** Whether a spec limits anything: RATE_LIMITS=off, or a count of 0, switches it off. */
export function limitOn(spec: LimitSpec): boolean {
  return env().RATE_LIMITS === "on" && spec.points > 0;
}

/** "45 s", "14 min", "3 h 5 min": how long to wait, for a sentence a person reads. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

export function rateLimited(retryAfterSeconds: number, message: string): AppError {
  return new AppError("rate_limited", message, {
    headers: { "retry-after": String(retryAfterSeconds) },
  });
}

const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Counts one hit of `key` against `spec`, atomically in the shared store, and throws
 * 429 rate_limited with Retry-After once the key is over its budget. `message` says, in
 * a sentence, what was refused and when to try again.
 */
export async function consumeOrThrow(
  spec: LimitSpec,
  key: string,
  message: (wait: string) => string,
  { countRefusals = true }: { countRefusals?: boolean } = {},
): Promise<void> {
  if (!limitOn(spec)) return;
  const limiter = await limiterFor(spec);
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    // A counter used as a semaphore (replies in flight) must not keep refused hits.
    if (!countRefusals) await limiter.reward(key, 1);
    const seconds = secondsOf(rejection.msBeforeNext);
    throw rateLimited(seconds, message(formatWait(seconds)));
  }
}

/** Seconds until `key` may try again, or 0 when it is within its budget (reads only). */
export async function retryAfter(spec: LimitSpec, key: string): Promise<number> {
  if (!limitOn(spec)) return 0;
  const state = await (await limiterFor(spec)).get(key);
  return state && state.consumedPoints > spec.points ? secondsOf(state.msBeforeNext) : 0;
}

/** Gives back a hit (a reply that ended, a sign-in that succeeded). */
export async function giveBack(spec: LimitSpec, key: string): Promise<void> {
  if (!limitOn(spec)) return;
  const limiter = await limiterFor(spec);
  const state = await limiter.get(key);
  if (state && state.consumedPoints > 0) await limiter.reward(key, 1);
}

/** Forgets a key's count (a successful sign-in clears the account's failures). */
export async function resetLimit(spec: LimitSpec, key: string): Promise<void> {
  if (!limitOn(spec)) return;
  await (await limiterFor(spec)).delete(key);
}
