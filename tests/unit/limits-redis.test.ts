import Redis from "ioredis";
import { afterAll, describe, expect, test } from "vitest";
import { consumeOrThrow, resetLimit } from "@/lib/limits/enforce";
import { closeLimitStore, limitStore } from "@/lib/limits/store";

// Runs where a Redis is given (CI sets TEST_REDIS_URL): with REDIS_URL, every instance
// counts in Redis.
const url = process.env.TEST_REDIS_URL;
if (url) process.env.REDIS_URL = url;
process.env.AUTH_SECRET = "test-secret-for-vitest-only-0123456789";

const spec = { name: "test-redis", points: 2, duration: 60 };
const refuse = (wait: string) => `wait ${wait}`;

describe.skipIf(!url)("limits on Redis (TEST_REDIS_URL)", () => {
  const raw = url ? new Redis(url) : null;
  afterAll(async () => {
    await raw?.quit();
    await closeLimitStore();
  });

  test("counts live in Redis, so a new instance continues them; a reset clears them", async () => {
    expect(limitStore()).toBe("redis");
    const key = `k-${crypto.randomUUID()}`;
    await consumeOrThrow(spec, key, refuse);
    expect(await raw?.get(`test-redis:${key}`)).toBe("1");
    expect(await raw?.pttl(`test-redis:${key}`)).toBeGreaterThan(50_000);
    // A new instance: a limiter of its own, the same count.
    (globalThis as { skillmateLimiters?: Map<string, unknown> }).skillmateLimiters?.clear();
    await consumeOrThrow(spec, key, refuse);
    await expect(consumeOrThrow(spec, key, refuse)).rejects.toMatchObject({ code: "rate_limited" });
    await resetLimit(spec, key);
    expect(await raw?.get(`test-redis:${key}`)).toBeNull();
  });
});
