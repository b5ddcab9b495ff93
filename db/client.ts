import "server-only";
import path from "node:path";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { dataDir, env } from "@/lib/env";
import { lockDirectory } from "./dir-lock";
import { migrateDatabase } from "./migrate";
import { END_TIMEOUT_S, postgresOptions } from "./postgres-options";
import { preparingClient } from "./preparing-client";
import * as schema from "./schema";

// Both drivers expose the same query builder; the postgres.js type is the common one.
export type Db = PostgresJsDatabase<typeof schema>;

type Handle = { db: Db; close: () => Promise<void> };

// On globalThis so that dev-mode module reloads reuse the open database instead of
// opening another PGlite on the same directory or another postgres.js pool.
const globalForDb = globalThis as unknown as { skillmateDb?: Promise<Handle> };

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  await migrateDatabase({ kind: "postgres", url });
  // Fails fast while the server is down and reconnects by itself once it is back.
  const client = postgres(url, { ...postgresOptions(), max: 10 });
  const queries = env().DB_PREPARE === "on" ? preparingClient(client) : client;
  return { db: drizzle(queries, { schema }), close: () => client.end({ timeout: END_TIMEOUT_S }) };
}

async function openPglite(dir: string): Promise<Handle> {
  const release = lockDirectory(dir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create(dir);
    const db = drizzle(client, { schema });
    await migrateDatabase({ kind: "pglite", db });
    return {
      db: db as unknown as Db,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Where the embedded database lives inside a DATA_DIR (tests and benchmarks fill it too). */
export function embeddedDbDir(dir: string): string {
  return path.join(dir, "pglite");
}

function open(): Promise<Handle> {
  const url = env().DATABASE_URL;
  return url ? openPostgres(url) : openPglite(embeddedDbDir(dataDir()));
}

/** The process's database, opened and migrated on first use (never at import time). */
export async function getDb(): Promise<Db> {
  globalForDb.skillmateDb ??= open().catch((error) => {
    globalForDb.skillmateDb = undefined;
    throw error;
  });
  return (await globalForDb.skillmateDb).db;
}

export async function closeDb(): Promise<void> {
  const handle = globalForDb.skillmateDb;
  globalForDb.skillmateDb = undefined;
  if (handle) await (await handle).close();
}

/** A transaction handle, for query functions that join a caller's transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
