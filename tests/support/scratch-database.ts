// A PostgreSQL database of its own for one test run, e2e spec or benchmark, created next
// to the admin URL's and dropped by whoever made it: runs never see each other's rows, and
// a prefix per kind of run says what a database left behind by a crash belonged to.
import { randomBytes } from "node:crypto";
import postgres from "postgres";

export type ScratchDatabase = { name: string; url: string; drop: () => Promise<void> };

export async function createScratchDatabase({
  adminUrl,
  prefix,
  migrate = false,
  log,
}: {
  /** A database URL whose user may CREATE DATABASE. */
  adminUrl: string;
  prefix: string;
  /** Apply the app's migrations now, for runs that seed it before any app connects. */
  migrate?: boolean;
  /** Told once the database is dropped. */
  log?: (line: string) => void;
}): Promise<ScratchDatabase> {
  // Time and randomness: parallel workers and runs started in the same millisecond differ.
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  // The name ends up in SQL (as a quoted identifier) and in a URL path.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name ${name}`);
  await withAdmin(adminUrl, (sql) => sql`create database ${sql(name)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    // WITH (FORCE): a crashed server, or a pool not closed yet, may still hold connections.
    await withAdmin(adminUrl, (sql) => sql`drop database if exists ${sql(name)} with (force)`);
    log?.(`dropped database ${name}`);
  };
  if (migrate) {
    try {
      // Imported here: only the benchmarks migrate up front, the app migrates on its own.
      const { migrateDatabase } = await import("../../db/migrate");
      await migrateDatabase({ kind: "postgres", url: url.toString() });
    } catch (error) {
      await drop();
      throw error;
    }
  }
  return { name, url: url.toString(), drop };
}

async function withAdmin(adminUrl: string, statement: (sql: postgres.Sql) => Promise<unknown>) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await statement(sql);
  } finally {
    await sql.end();
  }
}
