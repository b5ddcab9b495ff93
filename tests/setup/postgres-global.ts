import type { TestProject } from "vitest/node";
import { createScratchDatabase } from "../support/scratch-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

// A database of its own for this run, dropped at the end: runs never see each other's rows.
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const db = await createScratchDatabase({ adminUrl, prefix: "skillmate_test" });
  project.provide("databaseUrl", db.url);
  return db.drop;
}
