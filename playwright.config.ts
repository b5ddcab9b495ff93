import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { E2E_LIMITS } from "./e2e/support/limits";
import { CHROMIUM_FLAGS, e2eBrowserPath, freePort } from "./scripts/local-tools";

// Playwright evaluates this file in its runner and in every worker: the port and the
// database directory are chosen once and handed down through the environment.

process.env.E2E_PORT ??= String(await freePort());
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "skillmate-e2e-"));
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Generous: CI runs two workers on two cores, beside the server it tests.
  timeout: 60_000,
  // Playwright's 5 s default for each expect: under CI's load (two workers, the server and
  // its database on two cores) a reply streamed at 60 ms a chunk took longer now and then.
  // Only a failing wait gets slower; a passing one returns as soon as it holds.
  expect: { timeout: process.env.CI ? 10_000 : 5_000 },
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: ".ci/out/playwright.json" }]]
    : "list",
  use: {
    baseURL,
    // No trace in CI: recording one for every test (to keep the failed ones) took about a
    // quarter of the e2e run's CPU, and CI keeps no file of a run; what a failure leaves
    // there is its page snapshot, which .ci/run prints. Locally a failure keeps its trace.
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: e2eBrowserPath,
      args: CHROMIUM_FLAGS,
    },
  },
  webServer: {
    // The production build (npm run build first), on a free port and a fresh database.
    // Idle connections kept 75 s, not Node's 5 s: Playwright's request context reuses a
    // connection the server may be closing at that moment, and the request then fails
    // with ECONNRESET (seen once, after a 5 s pause between two API calls of a test).
    command: `npx next start -H 127.0.0.1 -p ${port} --keepAliveTimeout 75000`,
    url: `${baseURL}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      DATA_DIR: process.env.E2E_DATA_DIR,
      DATABASE_URL: "",
      AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      NEXT_TELEMETRY_DISABLED: "1",
      // Slow enough that a test can press Stop mid-reply on a busy machine.
      AI_OFFLINE_CHUNK_DELAY_MS: "60",
      ...E2E_LIMITS,
    },
  },
});
