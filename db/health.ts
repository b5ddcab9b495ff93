import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { bigint, pgSchema, serial, text } from "drizzle-orm/pg-core";
import { getDb } from "./client";
import { errorChain } from "./errors";
import { migrationsFolder } from "./migrate";

// What readiness needs of the database: that it answers, and that every migration this
// build ships is applied. Drizzle's migrator (both drivers) records each migration it
// applies in drizzle.__drizzle_migrations, with `created_at` = the journal's `when`.

const drizzleMigrations = pgSchema("drizzle").table("__drizzle_migrations", {
  id: serial("id").primaryKey(),
  hash: text("hash").notNull(),
  createdAt: bigint("created_at", { mode: "number" }),
});

export type Migration = { tag: string; when: number };

let shipped: Migration[] | undefined;

/** The migrations of this build, from db/migrations/meta/_journal.json (read once). */
export function shippedMigrations(): Migration[] {
  shipped ??= (
    JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
      entries: Migration[];
    }
  ).entries.map(({ tag, when }) => ({ tag, when }));
  return shipped;
}

/** SQLSTATEs of a database no migration has run on: no `drizzle` schema, or no table. */
const NEVER_MIGRATED = new Set(["3F000", "42P01"]);

const neverMigrated = (error: unknown) =>
  [...errorChain(error)].some((e) => NEVER_MIGRATED.has(String((e as { code?: unknown }).code)));

export type MigrationState = { expected: number; applied: number; pending: string[] };

/**
 * One query: which of `expected` the database has recorded as applied. Throws the
 * driver's error when the database does not answer.
 */
export async function migrationState(
  expected: Migration[] = shippedMigrations(),
): Promise<MigrationState> {
  const db = await getDb();
  const rows = await db
    .select({ createdAt: drizzleMigrations.createdAt })
    .from(drizzleMigrations)
    .catch((error: unknown) => {
      if (neverMigrated(error)) return [];
      throw error;
    });
  const recorded = new Set(rows.map((row) => Number(row.createdAt)));
  const pending = expected.filter((m) => !recorded.has(m.when)).map((m) => m.tag);
  return { expected: expected.length, applied: expected.length - pending.length, pending };
}
