import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "@/db/client";
import { executedRows } from "@/db/raw-rows";

// postgres.js prepares what drizzle sends (db/preparing-client.ts): once a session has run
// a query, it holds it as a prepared statement, in a transaction too. (A statement is
// listed once prepared, so a query sees itself from its second run on a connection.)
describe.skipIf(!process.env.DATABASE_URL)("prepared statements (PostgreSQL)", () => {
  // With a parameter, as the app's queries have: postgres.js sends one without any by
  // the simple protocol, which prepares nothing.
  const prepared = sql`select count(*)::int as n from pg_prepared_statements
    where statement like ${"%from pg_prepared_statements%"}`;

  test("a query is prepared on the connections that run it", async () => {
    const db = await getDb();
    const seen = new Set<number | undefined>();
    // Sequential runs go to the pool's idle connections: some of them twice.
    for (let i = 0; i < 30; i++) {
      const [row] = executedRows<{ n: number }>(await db.execute(prepared));
      seen.add(row?.n);
    }
    expect(seen).toContain(1);
  });

  test("so is a query inside a transaction", async () => {
    const db = await getDb();
    const n = await db.transaction(async (tx) => {
      await tx.execute(prepared);
      const [row] = executedRows<{ n: number }>(await tx.execute(prepared));
      return row?.n;
    });
    expect(n).toBe(1);
  });
});
