import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDb, embeddedDbDir, getDb } from "@/db/client";

// Each test file gets its own embedded database in a new directory: a copy of the run's
// migrated one (tests/setup/pglite-global.ts), where the app opens it (db/client.ts).
const dir = mkdtempSync(path.join(tmpdir(), "skillmate-test-"));
cpSync(inject("pgliteTemplate"), embeddedDbDir(dir), { recursive: true });
process.env.DATA_DIR = dir;
delete process.env.DATABASE_URL;
process.env.AUTH_SECRET = "test-secret-for-vitest-only-0123456789";

// Open and migrate before the first test, under the hook timeout.
beforeAll(async () => {
  await getDb();
});

afterAll(async () => {
  await closeDb();
  rmSync(dir, { recursive: true, force: true });
});
