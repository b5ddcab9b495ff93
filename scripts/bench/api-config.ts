import type { LoadOptions } from "./load";

// What bench:api and bench:scale share: where they run, how hard they load the server,
// and the key the server signs sessions with. Scripts read their own knobs; the app's
// environment still goes through lib/env.ts.
export const config = {
  adminUrl: process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres",
  rebuild: process.env.BENCH_REBUILD === "1",
  rounds: Number(process.env.BENCH_ROUNDS) || 3,
  distDir: ".next-bench",
  doc: "docs/benchmarks.md",
};

// 10 connections: as many as the app's postgres.js pool (db/client.ts, max 10), enough to
// keep both cores busy without measuring mostly queueing in the load generator.
export const LOAD: LoadOptions = { connections: 10, durationSec: 10, warmupSec: 2 };

// Others build and test on this machine: each round waits (at most 90 s) for a quieter one.
export const QUIET = { maxLoad: 1.5, maxWaitSec: 90 };

export const AUTH_SECRET = "bench-secret-not-for-production-0123456789abcdef";
// lib/env reads the environment once, on first use (a scratch database's migration
// already uses it): the bench's cookies are signed with the server's key from the start.
process.env.AUTH_SECRET = AUTH_SECRET;

/** The app's environment in bench:api, bench:profile and bench:scale, beside its database. */
export const APP_ENV = { AUTH_SECRET, RATE_LIMITS: "off", APP_URL: "" };
