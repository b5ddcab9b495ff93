// npm run test:faults — issue 10, items 5–7, against a production build on PostgreSQL:
//   a. PostgreSQL restarted (pg_ctlcluster, as .ci/run starts it) under concurrent
//      writers: every id acknowledged with a 2xx is stored exactly once;
//   b. `kill -9` of `next start` while a reply streams, then a new server on the same
//      database: the chat is consistent and a Retry stores a reply;
//   c. a provider that never answers: a stored error reply after AI_TIMEOUT_MS;
//   d. the embedded database killed mid-write opens again with every acknowledged write.
// Prints its figures and exits non-zero when lost or duplicated is not 0 or a check fails.
// The restart ends every session on that PostgreSQL server: run it when nothing else
// uses it (CI runs it last). FAULTS_PG_RESTART=0 runs everything but the restart;
// FAULTS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) must be on the
// local cluster that pg_ctlcluster restarts (FAULTS_PG_CLUSTER, e.g. 15/main, else the
// first under /etc/postgresql). FAULTS_REBUILD=1 rebuilds .next-faults (FAULTS_DIST_DIR).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startFakeOpenAIServer } from "../../tests/helpers/fake-openai-server";
import { type NextServer, startNextServer } from "../../tests/support/next-server";
import { createScratchDatabase } from "../../tests/support/scratch-database";
import { ensureNextBuild } from "../bench/build";
import { Cleanup } from "../bench/cleanup";
import { killEmbeddedWriter } from "./embedded-db";
import { startHangingServer } from "./hanging-server";
import { runLoadWithRestart } from "./load";
import { ensureClusterRunning, localCluster, restartCluster } from "./postgres-cluster";
import { type Check, hungProviderTurn, killDuringStream } from "./turns";

const config = {
  adminUrl: process.env.FAULTS_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres",
  restart: process.env.FAULTS_PG_RESTART !== "0",
  // BENCH_REBUILD too: ensureNextBuild names that one when it reuses a build.
  rebuild: process.env.FAULTS_REBUILD === "1" || process.env.BENCH_REBUILD === "1",
  // CI points this at the build its e2e step already made (FAULTS_DIST_DIR=.next).
  distDir: process.env.FAULTS_DIST_DIR || ".next-faults",
  apiWriters: 12,
  chatbotWriters: 4,
  durationMs: 20_000,
  restartAtMs: 5_000,
  // ~60 chunks a reply: ~3 s a turn, so that turns are streaming when PostgreSQL goes.
  offlineChunkDelayMs: 50,
  aiTimeoutMs: 3_000,
  hungMarginMs: 5_000,
};

const AUTH_SECRET = "faults-secret-not-for-production-0123456789abcdef";
const runStarted = performance.now();
const cleanup = new Cleanup();
const checks: Check[] = [];
const figures: [section: string, name: string, value: string][] = [];
/** A progress line, with the seconds since the run started. */
const log = (line: string) =>
  console.info(`[${((performance.now() - runStarted) / 1000).toFixed(1)} s] ${line}`);

try {
  await main();
} catch (error) {
  console.error(error);
  checks.push({ name: "the run completed", ok: false, detail: String(error) });
} finally {
  await cleanup.run();
}
printReport();
process.exitCode = checks.every((c) => c.ok) ? 0 : 1;

async function main() {
  await ensureNextBuild({ distDir: config.distDir, rebuild: config.rebuild });

  const cluster = config.restart ? localCluster() : null;
  const db = await createScratchDatabase({
    adminUrl: config.adminUrl,
    prefix: "skillmate_faults",
    migrate: true,
    log: console.info,
  });
  cleanup.add("drop database", db.drop);
  // Runs before the drop (last in, first out): whatever happened, PostgreSQL is up.
  if (cluster) {
    cleanup.add("PostgreSQL running", () => ensureClusterRunning(cluster, config.adminUrl));
  }

  const provider = await startFakeOpenAIServer({
    kind: "stream",
    chunks: ["Start", " with", " ten minutes", " a day."],
  });
  cleanup.add("fake provider", provider.close);
  const providerPort = Number(new URL(provider.baseURL).port);
  const hanging = await startHangingServer();
  cleanup.add("hanging provider", hanging.close);

  const servers = new Set<NextServer>();
  cleanup.add("stop servers", async () => {
    for (const server of servers) await server.stop();
  });
  const startServer = async (env: Record<string, string>) => {
    const server = await startNextServer({
      baseEnv: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? os.tmpdir(),
        NODE_ENV: "production",
      },
      env: {
        NEXT_DIST_DIR: config.distDir,
        DATABASE_URL: db.url,
        AUTH_SECRET,
        RATE_LIMITS: "off",
        APP_URL: "",
        ...env,
      },
      readyPath: "/api/chats",
      timeoutMs: 90_000,
      dataDirPrefix: "skillmate-faults-",
      keepOutputChars: 20_000,
    });
    servers.add(server);
    return server;
  };
  const offline = {
    AI_BASE_URL: "",
    AI_MODEL: "",
    AI_OFFLINE_CHUNK_DELAY_MS: String(config.offlineChunkDelayMs),
  };
  const remote = {
    AI_BASE_URL: hanging.baseURL,
    AI_MODEL: "fake-tutor",
    AI_API_KEY: "faults-key",
    AI_TIMEOUT_MS: String(config.aiTimeoutMs),
  };

  const first = await startServer(offline);
  log(`next start is up at ${first.url}`);

  // a. PostgreSQL restarted under load.
  const writers = config.apiWriters + config.chatbotWriters;
  log(
    `a. ${writers} writers for ${config.durationMs / 1000} s` +
      (cluster
        ? `, PostgreSQL ${cluster.version}/${cluster.name} restarted after ${config.restartAtMs / 1000} s`
        : " (no restart: FAULTS_PG_RESTART=0)"),
  );
  const load = await runLoadWithRestart({
    baseUrl: first.url,
    databaseUrl: db.url,
    apiWriters: config.apiWriters,
    chatbotWriters: config.chatbotWriters,
    durationMs: config.durationMs,
    restartAtMs: config.restartAtMs,
    restart: cluster ? () => restartCluster(cluster) : null,
    graceMs: 20_000,
    thinkMs: 20,
  });
  const a = "a. PostgreSQL restart under load";
  const failures = Object.entries(load.failures)
    .sort()
    .map(([status, n]) => `${status} ×${n}`)
    .join(" ");
  figures.push(
    [
      a,
      "writers",
      `${config.apiWriters} API + ${config.chatbotWriters} chatbot, ${load.durationS.toFixed(1)} s`,
    ],
    [a, "requests (2xx) / attempts", `${load.requests} / ${load.attempts}`],
    [a, "failed attempts (retried)", failures || "none"],
    [a, "acknowledged ids", String(load.acknowledged)],
    [a, "lost", String(load.lost)],
    [a, "duplicated", String(load.duplicated)],
    [a, "stored, never acknowledged", String(load.storedUnacknowledged)],
    [a, "chatbot turns completed", `${load.turnsCompleted} of ${load.turns}`],
    [a, "replies stored / missing", `${load.repliesStored} / ${load.repliesMissing}`],
    [a, "chats with a wrong message_count", String(load.countMismatches)],
  );
  if (load.restart) {
    const r = load.restart;
    const seconds = (x: number | null) => (x === null ? "none" : `${x.toFixed(2)} s`);
    figures.push(
      [a, "pg_ctlcluster restart took", seconds(r.commandS)],
      [a, "first 2xx after it returned", seconds(r.firstSuccessAfterS)],
      [
        a,
        "attempts failing (after its start)",
        `${seconds(r.failuresFromS)} to ${seconds(r.failuresToS)}`,
      ],
      [a, "failed attempts after it returned", String(r.failedAfterReturn)],
      [a, "longest time without a 2xx", seconds(r.longestWithoutSuccessS)],
      [a, "turns whose stream ended meanwhile", String(r.turnsEndedInOutage)],
    );
  }
  checks.push(
    { name: "a. lost = 0", ok: load.lost === 0, detail: String(load.lost) },
    { name: "a. duplicated = 0", ok: load.duplicated === 0, detail: String(load.duplicated) },
    {
      name: "a. every request answered 2xx in the end",
      ok: load.unexpected.length === 0,
      detail: load.unexpected.slice(0, 5).join("; ") || "yes",
    },
    {
      name: "a. every completed turn's reply stored once, as streamed",
      ok: load.repliesMissing === 0 && load.repliesDiffering === 0,
      detail:
        `${load.repliesMissing} missing, ${load.repliesDiffering} differing` +
        (load.repliesMissing > 0
          ? ` (missing: streams ended ${load.missingRepliesEndedS.map((x) => `${x.toFixed(2)} s`).join(", ")} after the restart began)`
          : ""),
    },
    {
      name: "a. message_count right in every chat",
      ok: load.countMismatches === 0,
      detail: String(load.countMismatches),
    },
  );
  if (load.repliesMissing > 0 || load.unexpected.length > 0) {
    // What the server said about it: the failed saves are logged (no content, see log-safe).
    const said = first
      .output()
      .split("\n")
      .filter((line) => /error|fail|unavailable/i.test(line));
    console.error(`the server's last error lines:\n${said.slice(-10).join("\n")}`);
  }
  if (load.restartError) {
    checks.push({ name: "a. PostgreSQL restarted", ok: false, detail: load.restartError });
  }
  if (load.restart) {
    checks.push({
      name: "a. writes succeed again after the restart",
      ok: load.restart.firstSuccessAfterS !== null,
      detail: String(load.restart.firstSuccessAfterS),
    });
  }

  // d. the embedded database killed mid-write: child processes and a directory of their
  // own, so it runs alongside b and c (the run stays well under two minutes).
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "skillmate-faults-embedded-"));
  cleanup.add("embedded data dir", () => rmSync(dataDir, { recursive: true, force: true }));
  const embeddedRun = killEmbeddedWriter({ dataDir, killAfter: 60 });
  // Awaited after c; a failure before that must not go unhandled meanwhile.
  embeddedRun.catch(() => {});

  // b. kill -9 while a reply streams; the next server runs the remote provider, for c.
  log("b. kill -9 during a stream; d. embedded database kill -9 alongside");
  hanging.forwardTo(providerPort);
  const killed = await killDuringStream({ server: first, startServer: () => startServer(remote) });
  servers.delete(first);
  const b = "b. kill -9 during a stream";
  figures.push(
    [b, "chunks streamed before the kill", String(killed.deltasBeforeKill)],
    [b, "kill to new server answering", `${killed.restartS.toFixed(1)} s`],
    [b, "chat after the restart", killed.stateAfter],
  );
  checks.push(...killed.checks.map((c) => ({ ...c, name: `b. ${c.name}` })));

  // c. a provider that accepts the connection and never answers.
  log("c. hung provider");
  const hung = await hungProviderTurn({
    server: killed.server,
    hanging,
    providerPort,
    timeoutMs: config.aiTimeoutMs,
    marginMs: config.hungMarginMs,
  });
  const c = "c. hung provider";
  figures.push(
    [c, "AI_TIMEOUT_MS", String(config.aiTimeoutMs)],
    [c, "stream ended after", `${hung.streamEndS.toFixed(2)} s`],
    [c, "error reply stored after", `${hung.storedS.toFixed(2)} s`],
  );
  checks.push(...hung.checks.map((x) => ({ ...x, name: `c. ${x.name}` })));

  const embedded = await embeddedRun;
  log("done");
  const d = "d. embedded database kill -9";
  figures.push(
    [d, "acknowledged", String(embedded.acknowledged)],
    [d, "lost", String(embedded.lost)],
    [d, "duplicated", String(embedded.duplicated)],
    [d, "reopened (lock taken over) in", `${(embedded.reopenMs / 1000).toFixed(1)} s`],
  );
  checks.push(
    { name: "d. lost = 0", ok: embedded.lost === 0, detail: String(embedded.lost) },
    {
      name: "d. duplicated = 0",
      ok: embedded.duplicated === 0,
      detail: String(embedded.duplicated),
    },
    {
      name: "d. the dead writer's lock was taken over",
      ok: embedded.staleLock,
      detail: embedded.staleLock ? "yes" : "no lock file was left",
    },
    {
      name: "d. message_count right, writable again",
      ok: embedded.inconsistentChats === 0 && embedded.writableAfter,
      detail: `${embedded.inconsistentChats} wrong counts, writable: ${embedded.writableAfter}`,
    },
  );
}

/**
 * next build rewrites tsconfig.json in its own format (and ensureNextBuild takes its dist
 * dir's entries back out): when that leaves the same JSON, the project's text goes back.
 */
function printReport() {
  const width = Math.max(...figures.map(([, name]) => name.length), 10);
  let section = "";
  console.info("\n=== fault run figures");
  for (const [s, name, value] of figures) {
    if (s !== section) {
      section = s;
      console.info(s);
    }
    console.info(`  ${name.padEnd(width)}  ${value}`);
  }
  console.info("\n=== checks");
  for (const c of checks) console.info(`  ${c.ok ? "ok  " : "FAIL"}  ${c.name}: ${c.detail}`);
  const failed = checks.filter((c) => !c.ok).length;
  const wall = (performance.now() - runStarted) / 1000;
  console.info(`\n${checks.length - failed} ok, ${failed} failed, ${wall.toFixed(0)} s`);
}
