import { afterAll, beforeAll, inject } from "vitest";
import { closeDb, getDb } from "@/db/client";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET = "test-secret-for-vitest-only-0123456789";

// Open and migrate before the first test, under the hook timeout.
beforeAll(async () => {
  await getDb();
});

afterAll(async () => {
  await closeDb();
});
