import "server-only";
import { RateLimiterDrizzle } from "rate-limiter-flexible";
import { getDb } from "./client";
import { rateLimits } from "./schema";

// rate-limiter-flexible's Drizzle store on our PostgreSQL: one upsert per hit, atomic,
// shared by every instance. It lives in db/ because it is given the schema and client.
export async function createDatabaseLimiter(options: {
  keyPrefix: string;
  points: number;
  duration: number;
  clearExpired: boolean;
}) {
  return new RateLimiterDrizzle({
    storeClient: await getDb(),
    schema: rateLimits,
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.duration,
    clearExpiredByTimeout: options.clearExpired,
  });
}
