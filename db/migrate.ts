import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { END_TIMEOUT_S, postgresOptions } from "./postgres-options";

export const migrationsFolder = path.resolve("db/migrations");

// Any constant shared by every instance of the app: drizzle's migrator takes no lock,
// and two instances migrating at once would both apply the same migration.
const MIGRATION_LOCK_KEY = 7_245_913_001;

type Target =
  | { kind: "postgres"; url: string }
  // biome-ignore lint/suspicious/noExplicitAny: the schema type does not matter here
  | { kind: "pglite"; db: PgliteDatabase<any> };

export async function migrateDatabase(target: Target): Promise<void> {
  if (target.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // One connection: the lock only matters if a second client ever shares it.
    await target.db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migrate(target.db, { migrationsFolder });
    } finally {
      await target.db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
    return;
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // A session-level advisory lock lives on one connection, so the migrator gets its own.
  const client = postgres(target.url, { ...postgresOptions(), max: 1 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    // Bounded: a connection lost under a migration would otherwise never let go, and
    // every request would wait on a database that never opens.
    await client.end({ timeout: END_TIMEOUT_S });
  }
}
