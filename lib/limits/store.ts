import "server-only";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
} from "rate-limiter-flexible";
import { env } from "@/lib/env";

// Where limit counters live, so that every instance counts against the same budget:
// Redis (REDIS_URL), else PostgreSQL (DATABASE_URL), else memory (the embedded
// database runs one process, so memory is already shared by everyone).

export type LimitSpec = {
  /** Key prefix; one counter per prefix and key. */
  name: string;
  /** Hits allowed per window; 0 means no limit. */
  points: number;
  /** The window, in seconds. */
  duration: number;
};

export function limitStore(): "redis" | "postgres" | "memory" {
  const e = env();
  if (e.REDIS_URL) return "redis";
  return e.DATABASE_URL ? "postgres" : "memory";
}

type Cache = Map<string, Promise<RateLimiterAbstract>>;
const globalForLimits = globalThis as unknown as {
  skillmateLimiters?: Cache;
  skillmateRedis?: import("ioredis").default;
};

const REDIS_CONNECT_WAIT_MS = 2000;

async function redisClient(url: string) {
  if (!globalForLimits.skillmateRedis) {
    const { default: Redis } = await import("ioredis");
    // No offline queue: while Redis is away a hit fails at once and the in-memory
    // insurance limiter answers, instead of requests waiting on a reconnect.
    globalForLimits.skillmateRedis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    });
    globalForLimits.skillmateRedis.on("error", (error) => {
      console.error("[limits] redis:", error.message);
    });
  }
  const redis = globalForLimits.skillmateRedis;
  // Without an offline queue, hits sent before the connection is up would all go to the
  // insurance limiter: wait for it once (briefly: a Redis that is down must not stall).
  if (redis.status !== "ready") {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, REDIS_CONNECT_WAIT_MS);
      redis.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  return redis;
}

async function create(spec: LimitSpec, first: boolean): Promise<RateLimiterAbstract> {
  const base = { keyPrefix: spec.name, points: spec.points, duration: spec.duration };
  const store = limitStore();
  if (store === "memory") return new RateLimiterMemory(base);
  // If Redis fails, each instance keeps limiting on its own (and says so) until it is back.
  if (store === "redis") {
    return new RateLimiterRedis({
      ...base,
      storeClient: await redisClient(env().REDIS_URL as string),
      insuranceLimiter: new RateLimiterMemory(base),
    });
  }
  const { createDatabaseLimiter } = await import("@/db/rate-limit-store");
  // No insurance here: without its database the app cannot answer anyway, and a silent
  // fallback to memory would hide a broken store. One limiter per process sweeps rows.
  return createDatabaseLimiter({ ...base, clearExpired: first });
}

/** The limiter for a spec, made once per process. */
export function limiterFor(spec: LimitSpec): Promise<RateLimiterAbstract> {
  globalForLimits.skillmateLimiters ??= new Map();
  const cache = globalForLimits.skillmateLimiters;
  const id = `${spec.name}/${spec.points}/${spec.duration}`;
  let limiter = cache.get(id);
  if (!limiter) {
    limiter = create(spec, cache.size === 0);
    limiter.catch(() => cache.delete(id));
    cache.set(id, limiter);
  }
  return limiter;
}

/** Closes the Redis connection, if one was opened (tests, shutdown). */
export async function closeLimitStore(): Promise<void> {
  const redis = globalForLimits.skillmateRedis;
  globalForLimits.skillmateRedis = undefined;
  globalForLimits.skillmateLimiters?.clear();
  if (redis) await redis.quit().catch(() => redis.disconnect());
}
