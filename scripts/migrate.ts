// npm run db:migrate — apply db/migrations to DATABASE_URL, or to the embedded database.
import { closeDb, getDb } from "@/db/client";

await getDb();
await closeDb();
console.info("migrations applied");
