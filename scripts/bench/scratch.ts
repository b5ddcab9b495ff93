import postgres from "postgres";
import { createScratchDatabase } from "../../tests/support/scratch-database";
import type { Cleanup } from "./cleanup";

/**
 * A migrated scratch PostgreSQL database for one benchmark run, and a postgres.js pool on
 * it; both go with the run's cleanup.
 */
export async function scratchPostgres(
  cleanup: Cleanup,
  { adminUrl, prefix, max }: { adminUrl: string; prefix: string; max: number },
) {
  const db = await createScratchDatabase({ adminUrl, prefix, migrate: true, log: console.info });
  cleanup.add("drop database", db.drop);
  console.info(`database ${db.name} created and migrated`);
  const sql = postgres(db.url, { max, onnotice: () => {} });
  cleanup.add("close pool", () => sql.end());
  return { db, sql };
}
