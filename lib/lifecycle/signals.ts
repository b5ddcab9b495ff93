import "server-only";
import { subscribe } from "node:diagnostics_channel";
import type { ServerResponse } from "node:http";
import { closeDb } from "@/db/client";
import sharedTags from "@/lib/cache/shared-tags.cjs";
import { env } from "@/lib/env";
import { closeLimitStore } from "@/lib/limits/store";
import { safeErrorLine, safeErrorSummary } from "@/lib/log-safe";
import { beginShutdown, stopTurns, turnsInFlight, waitForTurns } from "./shutdown";

// Graceful shutdown (docs/operations.md): on SIGTERM or SIGINT, stop taking new work,
// give the replies in flight SHUTDOWN_GRACE_MS to finish, stop the rest (each stores
// what it has), close the connections, exit 0. A second signal exits at once.
//
// Why this process owns the signals rather than Next: `next start` and the standalone
// server.js both run Next's start-server, which on SIGTERM closes the HTTP server,
// waits for every request in flight with no time limit (a streaming reply can take a
// minute), then exits 143. Its only switch, NEXT_MANUAL_SIG_HANDLE, must be set in the
// environment of every start command, and a deployment that forgets it would lose the
// drain silently. register() (instrumentation.ts) runs after start-server has added its
// listeners and before the first request, so it removes them here and adds its own: the
// same behaviour under both commands, with or without that variable.
//
// The HTTP server is not closed: Next keeps its handle to itself. Instead readiness
// answers 503 (the load balancer stops sending traffic), new writes and assistant turns
// get 503 unavailable with Retry-After (the client sends them again, to another
// instance), and reads are served until the process exits.

const SIGNALS = ["SIGTERM", "SIGINT"] as const;
/** After the grace period, how long the stopped replies get to be stored. */
const SAVE_WAIT_MS = 5_000;
/** Then how long the responses still open get to be sent to their end. */
const RESPONSES_WAIT_MS = 1_000;
/** Each connection's close; above postgres.js's own end timeout (END_TIMEOUT_S, 5 s). */
const CLOSE_WAIT_MS = 6_000;
/**
 * A repeat this soon is the same signal delivered twice (Ctrl+C reaches `npm start` and
 * its child, and npm forwards it again), not a request to exit at once.
 */
const REPEAT_MS = 1_000;

const KEY = Symbol.for("skillmate.shutdown-signals");

const log = (line: string) => console.info(`[shutdown] ${line}`);

/** Replaces Next's SIGTERM and SIGINT handling with the drain above (once per process). */
export function installShutdownHandlers(): void {
  const holder = globalThis as { [KEY]?: boolean };
  if (holder[KEY]) return;
  holder[KEY] = true;
  // Read now: a bad value fails the start, not the shutdown.
  const graceMs = env().SHUTDOWN_GRACE_MS;
  let replaced = 0;
  for (const signal of SIGNALS) {
    // Next's start-server cleanup (and next start's CPU-profile saver when profiling):
    // nothing else in this process has added a listener by the time register() runs.
    for (const listener of process.listeners(signal)) {
      process.removeListener(signal, listener);
      replaced++;
    }
  }
  trackOpenResponses();
  let firstAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt === undefined) {
      firstAt = performance.now();
      void shutDown(signal, graceMs, firstAt);
      return;
    }
    if (performance.now() - firstAt < REPEAT_MS) return;
    log(`${signal} again: exiting now, replies still in flight are lost`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  if (replaced === 0 && !process.env.NEXT_MANUAL_SIG_HANDLE) {
    // A Next upgrade that installs its handlers later would race this drain.
    console.warn("[shutdown] found no Next signal handler to replace: check start-server");
  }
  log(`handling SIGTERM and SIGINT: grace period ${graceMs} ms`);
}

async function shutDown(signal: NodeJS.Signals, graceMs: number, startedAt: number) {
  const elapsed = () => `${Math.round(performance.now() - startedAt)} ms`;
  // Whatever happens below, the process ends: the orchestrator would kill it anyway.
  const watchdog = setTimeout(
    () => {
      log(`still running after ${elapsed()}: exiting with 1`);
      process.exit(1);
    },
    graceMs + SAVE_WAIT_MS + RESPONSES_WAIT_MS + CLOSE_WAIT_MS + 2_000,
  );
  try {
    beginShutdown();
    const inFlight = turnsInFlight();
    log(
      `${signal}: refusing new work, readiness 503; ${inFlight} repl${inFlight === 1 ? "y" : "ies"} in flight, grace period ${graceMs} ms`,
    );
    if (inFlight > 0) {
      if (await waitForTurns(graceMs)) {
        log(`every reply finished and was stored after ${elapsed()}`);
      } else {
        const stopped = stopTurns();
        log(`grace period over after ${elapsed()}: stopped ${stopped}, storing what they have`);
        if (await waitForTurns(SAVE_WAIT_MS)) log(`stopped replies stored after ${elapsed()}`);
        else log(`${turnsInFlight()} stopped replies not stored after ${elapsed()}: giving up`);
      }
    }
    const open = openResponses.size;
    if (open > 0 && !(await waitForResponses(RESPONSES_WAIT_MS))) {
      log(`${openResponses.size} of ${open} responses still open after ${elapsed()}`);
    }
    await Promise.all([
      closeStep("database pool", closeDb),
      closeStep("cache tag client", async () => {
        await sharedTags.close();
      }),
      closeStep("limits store", closeLimitStore),
    ]);
    log(`exiting with 0 after ${elapsed()}`);
    process.exit(0);
  } catch (error) {
    console.error(`[shutdown] failed after ${elapsed()}: ${safeErrorSummary(error)}`);
    process.exit(1);
  } finally {
    clearTimeout(watchdog);
  }
}

async function closeStep(name: string, close: () => Promise<void>) {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timedOut = await Promise.race([
      close().then(() => false),
      new Promise<true>((resolve) => {
        timer = setTimeout(() => resolve(true), CLOSE_WAIT_MS);
      }),
    ]);
    log(timedOut ? `${name}: not closed after ${CLOSE_WAIT_MS} ms` : `${name} closed`);
  } catch (error) {
    log(`${name}: close failed: ${safeErrorLine(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

// The HTTP responses being sent, so that the last bytes of a reply (its end, after the
// reply is stored) reach the client before the process exits. Node announces every
// request on this channel; a response's `close` follows its end or the client leaving.
const openResponses = new Set<ServerResponse>();
let onResponsesDone: (() => void) | undefined;

function trackOpenResponses() {
  subscribe("http.server.request.start", (message) => {
    const { response } = message as { response: ServerResponse };
    openResponses.add(response);
    response.once("close", () => {
      openResponses.delete(response);
      if (openResponses.size === 0) onResponsesDone?.();
    });
  });
}

function waitForResponses(ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    onResponsesDone = () => {
      clearTimeout(timer);
      resolve(true);
    };
    if (openResponses.size === 0) onResponsesDone();
  });
}
