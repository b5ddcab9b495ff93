import postgres from "postgres";
import { expect, test } from "vitest";
import { consumeOrThrow } from "@/lib/limits/enforce";
import { limitStore } from "@/lib/limits/store";

const spec = { name: "test-shared", points: 3, duration: 60 };
const refuse = (wait: string) => `wait ${wait}`;

/** What a new instance of the app starts with: no limiter made yet in this process. */
function asNewInstance() {
  (globalThis as { skillmateLimiters?: Map<string, unknown> }).skillmateLimiters?.clear();
}

test("counters are shared through the store every instance uses", async () => {
  const key = `k-${crypto.randomUUID()}`;
  await consumeOrThrow(spec, key, refuse);
  await consumeOrThrow(spec, key, refuse);
  if (limitStore() === "memory") {
    // The embedded database serves one process: memory is shared by all its requests.
    await consumeOrThrow(spec, key, refuse);
    await expect(consumeOrThrow(spec, key, refuse)).rejects.toMatchObject({ code: "rate_limited" });
    return;
  }
  expect(limitStore()).toBe("postgres");
  const sql = postgres(process.env.DATABASE_URL as string, { max: 1, onnotice: () => {} });
  try {
    const [row] =
      await sql`select points, expire from rate_limits where key = ${`test-shared:${key}`}`;
    expect(row?.points).toBe(2);
    expect(new Date(row?.expire).getTime()).toBeGreaterThan(Date.now());
    // Another instance continues the same count: one more, then refused.
    asNewInstance();
    await consumeOrThrow(spec, key, refuse);
    await expect(consumeOrThrow(spec, key, refuse)).rejects.toMatchObject({
      code: "rate_limited",
      headers: { "retry-after": expect.stringMatching(/^\d+$/) },
    });
  } finally {
    await sql.end();
  }
});
