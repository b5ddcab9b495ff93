import { sql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterEach, describe, expect, test } from "vitest";
import { isDatabaseUnavailable, MessageIdTakenError } from "@/db/errors";
import { postgresOptions, reconnectDelaySeconds } from "@/db/postgres-options";
import { closedPort, type FakeBehaviour, fakePostgres } from "../helpers/fake-postgres";

// The classifier behind 503 unavailable (db/errors.ts), on the errors the drivers really
// throw: postgres.js (through drizzle, which wraps each in a DrizzleQueryError with the
// driver's error as `cause`) against servers that refuse, drop or never answer, and a
// fake server speaking PostgreSQL's protocol to send real SQLSTATEs; PGlite's own.
// The same shapes were seen against PostgreSQL 15 (docs/operations.md).

const clients: postgres.Sql[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end({ timeout: 0 })));
  await Promise.all(closers.splice(0).map((close) => close()));
});

type Options = Parameters<typeof postgres>[1];

/** What `select 1` through drizzle and postgres.js rejects with, and how long it took. */
async function failure(url: string, options: Options = {}) {
  const client = postgres(url, { max: 1, onnotice: () => {}, fetch_types: false, ...options });
  clients.push(client);
  const started = performance.now();
  const error = await drizzle(client)
    .execute(sql`select 1`)
    .then(
      () => {
        throw new Error("the query succeeded");
      },
      (e: unknown) => e,
    );
  return {
    error: error as Error & { cause?: Error & { code?: string } },
    ms: performance.now() - started,
  };
}

async function against(behaviour: FakeBehaviour, options: Options = {}) {
  const fake = await fakePostgres(behaviour);
  closers.push(fake.close);
  return failure(fake.url, options);
}

describe("the database unreachable or going away", () => {
  test("refused: ECONNREFUSED from Node, as the DrizzleQueryError's cause", async () => {
    const { error } = await failure(`postgres://x@127.0.0.1:${await closedPort()}/x`);
    expect(error.message).toMatch(/^Failed query: select 1/);
    expect(error.cause).toMatchObject({ code: "ECONNREFUSED", syscall: "connect" });
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(error.cause)).toBe(true);
  });

  test("an unknown host: ENOTFOUND (or EAI_AGAIN without a resolver)", async () => {
    const { error } = await failure("postgres://x@no-such-host.invalid:5432/x");
    expect(["ENOTFOUND", "EAI_AGAIN"]).toContain(error.cause?.code);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  test("a server that never answers: postgres.js's CONNECT_TIMEOUT", async () => {
    const { error, ms } = await against({ silent: true }, { connect_timeout: 1 });
    expect(error.cause).toMatchObject({ code: "CONNECT_TIMEOUT", errno: "CONNECT_TIMEOUT" });
    expect(ms).toBeLessThan(3000);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  test("the connection dropped under a query: postgres.js's CONNECTION_CLOSED", async () => {
    const { error } = await against({ dropOnQuery: true });
    expect(error.cause).toMatchObject({ code: "CONNECTION_CLOSED", errno: "CONNECTION_CLOSED" });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  test("a client already ended (shutdown): postgres.js's CONNECTION_ENDED", async () => {
    const client = postgres(`postgres://x@127.0.0.1:${await closedPort()}/x`, { max: 1 });
    await client.end();
    const error = await drizzle(client)
      .execute(sql`select 1`)
      .catch((e: Error & { cause?: { code?: string } }) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("CONNECTION_ENDED");
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  test.each([
    ["57P03", "the database system is starting up"],
    ["57P03", "the database system is shutting down"],
    ["57P01", "terminating connection due to administrator command"],
    ["57P02", "terminating connection because of crash of another server process"],
    ["53300", "sorry, too many clients already"],
    ["08006", "connection failure"],
    ["08P01", "invalid startup packet layout"],
  ])("the server refusing the connection: PostgresError %s (%s)", async (code, message) => {
    const { error } = await against({ startup: { code, message } });
    expect(error.cause?.constructor.name).toBe("PostgresError");
    expect(error.cause).toMatchObject({ name: "PostgresError", code, severity: "FATAL", message });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  test.each(["PGlite is closed", "PGlite is closing"])(
    "PGlite shut down (%s), as drizzle passes it on",
    (message) => {
      // Built as they are thrown: PGlite 0.5.16's _checkReady throws `new Error(message)`
      // (dist/chunk-XZUEO4BZ.js), and drizzle's session wraps it (a real PGlite takes
      // seconds to start, too slow for the unit tests).
      const error = new DrizzleQueryError("select 1", [], new Error(message));
      expect(isDatabaseUnavailable(error)).toBe(true);
    },
  );

  test("Node's AggregateError of several addresses tried", () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}:5432`), {
        code: "ECONNREFUSED",
        syscall: "connect",
      });
    const error = new AggregateError([refused("::1"), refused("127.0.0.1")], "");
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});

describe("not an outage: a 500 (or the error's own mapping) as before", () => {
  test.each([
    ["23505", 'duplicate key value violates unique constraint "chats_pkey"'],
    ["42P01", 'relation "chats" does not exist'],
    ["40001", "could not serialize access due to concurrent update"],
    ["57014", "canceling statement due to statement timeout"],
  ])("a statement's error: PostgresError %s", async (code, message) => {
    const { error } = await against({ query: { code, message } });
    expect(error.cause).toMatchObject({ name: "PostgresError", code });
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  test.each([
    ["28P01", 'password authentication failed for user "x"'],
    ["3D000", 'database "x" does not exist'],
  ])("a misconfiguration at startup: PostgresError %s", async (code, message) => {
    const { error } = await against({ startup: { code, message } });
    expect(error.cause).toMatchObject({ name: "PostgresError", code });
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  test("the app's own errors and anything else", () => {
    const cyclic: { cause?: unknown } = {};
    cyclic.cause = cyclic;
    for (const value of [
      new MessageIdTakenError(crypto.randomUUID()),
      new Error("PGlite is closed, said someone"),
      new TypeError("x is undefined"),
      Object.assign(new Error("x"), { code: 8006 }),
      cyclic,
      "ECONNREFUSED",
      null,
      undefined,
    ]) {
      expect(isDatabaseUnavailable(value)).toBe(false);
    }
  });
});

describe("the app's postgres.js options (db/postgres-options.ts)", () => {
  test("a server that accepts and closes before answering is an error at once, not a reconnect loop", async () => {
    // postgres.js alone reconnects at once, forever, and the query never settles
    // (porsager/postgres#1193): the socket the app gives it turns that close into an error.
    const { error, ms } = await against({ closeAtOnce: true }, postgresOptions());
    expect(error.cause).toMatchObject({ code: "CONNECTION_CLOSED" });
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(ms).toBeLessThan(1000);
  });

  test("a server that never answers fails within DB_CONNECT_TIMEOUT_S (3 s)", async () => {
    const { error, ms } = await against({ silent: true }, postgresOptions());
    expect(error.cause).toMatchObject({ code: "CONNECT_TIMEOUT" });
    expect(ms).toBeGreaterThan(2500);
    expect(ms).toBeLessThan(4500);
  });

  test("a refused server keeps failing fast, more times than the pool has connections", async () => {
    const url = `postgres://x@127.0.0.1:${await closedPort()}/x`;
    const client = postgres(url, { ...postgresOptions(), max: 2 });
    clients.push(client);
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      const error = await client`select 1`.catch((e: { code?: string }) => e);
      expect((error as { code?: string }).code).toBe("ECONNREFUSED");
      // At most the 1 s reconnect delay, plus the refusal itself.
      expect(performance.now() - started).toBeLessThan(1500);
    }
  });

  test("the delay between attempts grows to 1 s at most", () => {
    for (const retries of [0, 1, 2, 3, 10, 100]) {
      const delay = reconnectDelaySeconds(retries);
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThanOrEqual(1);
    }
    expect(reconnectDelaySeconds(1)).toBeLessThanOrEqual(0.1);
  });
});
