import "server-only";
import { isDatabaseUnavailable } from "@/db/errors";
import { migrationState } from "@/db/health";
import { AppError, unavailable } from "@/lib/errors";
import { isShuttingDown } from "@/lib/lifecycle/shutdown";
import { safeErrorLine } from "@/lib/log-safe";

// The health endpoints (docs/operations.md): liveness says the process answers;
// readiness that the database answers and has every migration of this build applied.

/** Health answers are about this moment: no cache, browser, proxy or CDN, may keep one. */
export const HEALTH_HEADERS = { "cache-control": "no-store" };

/** A readiness check that has not finished by then is a 503: probes must not hang. */
export const READY_TIMEOUT_MS = 2000;

export type Readiness = { status: "ready"; migrations: { expected: number; applied: number } };

/**
 * Whether this instance can serve requests: one query of drizzle's migrations table,
 * bounded by `timeoutMs`. Throws 503 unavailable (with Retry-After) saying why not.
 */
export async function checkReadiness({ timeoutMs = READY_TIMEOUT_MS } = {}): Promise<Readiness> {
  if (isShuttingDown()) throw unavailable("This instance is shutting down.");
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(unavailable(`The database did not answer within ${timeoutMs} ms.`)),
      timeoutMs,
    );
  });
  try {
    // The check goes on after the deadline (a query cannot be called back); its outcome
    // is then ignored.
    const state = await Promise.race([migrationState(), deadline]);
    if (state.pending.length > 0) {
      throw unavailable(
        `The database lacks ${state.pending.length} migration(s) of this version (${state.pending.join(", ")}): they are applied when the app opens the database.`,
      );
    }
    return {
      status: "ready",
      migrations: { expected: state.expected, applied: state.applied },
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isDatabaseUnavailable(error)) {
      throw unavailable("The database is not answering.", error);
    }
    // Not an outage the driver names (a permission, a bug): not ready either, and logged.
    console.error(`[health] readiness check failed: ${safeErrorLine(error)}`);
    throw unavailable("The database check failed.", error);
  } finally {
    clearTimeout(timer);
  }
}
