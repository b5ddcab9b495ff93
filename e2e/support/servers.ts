import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { type NextServer, startNextServer } from "../../tests/support/next-server";
import { createScratchDatabase, type ScratchDatabase } from "../../tests/support/scratch-database";
import { E2E_LIMITS } from "./limits";

// Extra production servers for tests that need more than Playwright's one webServer:
// several instances on one database, or another environment.

/** A copy of the production build in a directory of its own, as a second deployment has. */
export function copyBuild(name: string): { distDir: string; remove: () => void } {
  const source = process.env.NEXT_DIST_DIR || ".next";
  const distDir = `.next-e2e-${name}-${process.pid}`;
  cpSync(source, distDir, {
    recursive: true,
    filter: (src) => !src.startsWith(path.join(source, "cache")),
  });
  return { distDir, remove: () => rmSync(distDir, { recursive: true, force: true }) };
}

export type Server = NextServer;

/** The secret and wide limits of Playwright's webServer, with `env` on top. */
export function startServer(env: Record<string, string>): Promise<Server> {
  return startNextServer({
    baseEnv: process.env,
    env: { AUTH_SECRET: "e2e-secret-not-for-production-0123456789", ...E2E_LIMITS, ...env },
    readyPath: "/sign-in",
    timeoutMs: 60_000,
    dataDirPrefix: "skillmate-e2e-extra-",
  });
}

/** A fresh PostgreSQL database for one spec, dropped by its drop(). */
export function createDatabase(): Promise<ScratchDatabase> {
  return createScratchDatabase({
    adminUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    prefix: "skillmate_e2e",
  });
}
