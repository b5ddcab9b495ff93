import { defineConfig } from "drizzle-kit";

// Generation only needs the schema; `npm run db:migrate` applies migrations through
// db/migrate.ts so that the advisory lock is always held.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
