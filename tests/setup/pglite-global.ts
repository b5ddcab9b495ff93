import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

// One migrated embedded database per run, which each test file copies into a directory of
// its own (tests/setup/pglite.ts): a copy opens in about 0.5 s, where a new one runs
// initdb and every migration first (about 4 s, for each of some sixty files).
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "skillmate-test-template-"));
  const templateDir = path.join(dir, "pglite");
  const client = await PGlite.create(templateDir);
  try {
    await migrateDatabase({ kind: "pglite", db: drizzle(client) });
  } finally {
    await client.close();
  }
  project.provide("pgliteTemplate", templateDir);
  return () => rmSync(dir, { recursive: true, force: true });
}
