import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { test } from "@playwright/test";
import postgres from "postgres";
import {
  type FakeOpenAIServer,
  type FakeReply,
  startFakeOpenAIServer,
} from "../../tests/helpers/fake-openai-server";
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

/** A spec file's own deployment; its fields are set once its beforeAll has run. */
export type Deployment = { server: Server; sql: postgres.Sql; distDir: string };

/**
 * A server of its own for one spec file, started before its tests and removed after:
 * its own copy of the build (its page cache is the spec's to inspect) and its own
 * PostgreSQL database, with a client on that database for the spec's checks.
 */
export function isolatedDeployment(name: string, env: Record<string, string> = {}): Deployment {
  const deployment = {} as Deployment;
  let db: ScratchDatabase | undefined;
  let build: ReturnType<typeof copyBuild> | undefined;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    db = await createDatabase();
    deployment.sql = postgres(db.url, { max: 1, onnotice: () => {} });
    build = copyBuild(name);
    deployment.distDir = build.distDir;
    deployment.server = await startServer({
      DATABASE_URL: db.url,
      NEXT_DIST_DIR: build.distDir,
      ...env,
    });
  });
  test.afterAll(async () => {
    await deployment.server?.stop();
    await deployment.sql?.end();
    await db?.drop();
    build?.remove();
  });
  return deployment;
}

/** A spec file's provider and the server that calls it; set once its beforeAll has run. */
export type WithProvider = { fake: FakeOpenAIServer; server: Server };

/**
 * A fake OpenAI-compatible provider answering as the spec scripts it (`fake.reply`), and
 * a server of its own on the embedded database pointed at it, for one spec file: what a
 * provider does on cue (fail, hold a reply) needs no test hook in the production code.
 */
export function withFakeProvider(initial?: FakeReply, env: Record<string, string> = {}) {
  const deployment = {} as WithProvider;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    deployment.fake = await startFakeOpenAIServer(initial);
    deployment.server = await startServer({
      DATABASE_URL: "",
      AI_BASE_URL: deployment.fake.baseURL,
      AI_MODEL: "test",
      ...env,
    });
  });
  test.afterAll(async () => {
    await deployment.server?.stop();
    await deployment.fake?.close();
  });
  return deployment;
}
