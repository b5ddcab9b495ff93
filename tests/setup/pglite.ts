import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb } from "@/db/client";

// Each test file gets its own embedded database in a new directory.
const dir = mkdtempSync(path.join(tmpdir(), "skillmate-test-"));
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
