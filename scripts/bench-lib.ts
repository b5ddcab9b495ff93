// Helpers shared by the `bench:*` scripts: a scratch PostgreSQL database, a production
// build in its own dist dir, a `next start` server, autocannon runs, and the sections of
// docs/benchmarks.md. Everything here talks to 127.0.0.1 only.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { migrateDatabase } from "@/db/migrate";
import { freePort } from "./local-tools";

export { freePort };

// ---- cleanup that also runs on Ctrl-C ----

type CleanupStep = { label: string; run: () => Promise<void> | void };

/**
 * Cleanup steps run last-in first-out, once, whether the script ends, throws, or is
 * interrupted: a scratch database or a server must never outlive a benchmark.
 */
export class Cleanup {
  private steps: CleanupStep[] = [];
  private done = false;

  constructor() {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: cleaning up`);
        void this.run().finally(() => process.exit(130));
      });
    }
  }

  add(label: string, run: CleanupStep["run"]): void {
    this.steps.push({ label, run });
  }

  async run(): Promise<void> {
    if (this.done) return;
    this.done = true;
    for (const step of this.steps.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup "${step.label}" failed:`, error);
      }
    }
  }
}

// ---- database ----

export type ScratchDatabase = { name: string; url: string; drop: () => Promise<void> };

/** Creates an empty database next to `adminUrl`'s, migrated to the current schema. */
export async function createScratchDatabase({
  adminUrl,
  prefix,
}: {
  adminUrl: string;
  prefix: string;
}): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now()}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name ${name}`);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`create database ${admin(name)}`;
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      // WITH (FORCE): a crashed server may still hold connections.
      await sql`drop database if exists ${sql(name)} with (force)`;
      console.info(`dropped database ${name}`);
    } finally {
      await sql.end();
    }
  };
  try {
    await migrateDatabase({ kind: "postgres", url: url.toString() });
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url: url.toString(), drop };
}

// ---- the app: build and server ----

const NEXT_BIN = path.resolve("node_modules/.bin/next");

/**
 * Builds the app into `distDir` unless a build is already there. A non-default dist dir
 * makes `next build` point tsconfig.json and next-env.d.ts at its own type files; those
 * files belong to the project (and other builds in this tree edit them too), so only this
 * build's own changes are taken back out afterwards.
 */
export async function ensureNextBuild({
  distDir,
  rebuild = false,
}: {
  distDir: string;
  rebuild?: boolean;
}): Promise<void> {
  // next build writes BUILD_ID before prerendering, so a failed build leaves one behind:
  // only this marker, written after a build succeeded, means there is a usable build.
  const marker = path.join(distDir, "bench-build-ok");
  if (!rebuild && existsSync(marker)) {
    const builtAt = readFileSync(marker, "utf8").trim();
    console.info(`using the build in ${distDir} from ${builtAt} (BENCH_REBUILD=1 rebuilds it)`);
    return;
  }
  rmSync(marker, { force: true });
  const nextEnvBefore = existsSync("next-env.d.ts") ? readFileSync("next-env.d.ts", "utf8") : null;
  console.info(`building the app into ${distDir}…`);
  const started = performance.now();
  try {
    await run(NEXT_BIN, ["build"], {
      ...process.env,
      NEXT_DIST_DIR: distDir,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    });
  } finally {
    undoTypePaths(distDir, nextEnvBefore);
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  console.info(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function undoTypePaths(distDir: string, nextEnvBefore: string | null) {
  const mentions = (text: string) =>
    text.includes(`./${distDir}/`) || text.includes(`"${distDir}/`);
  // tsconfig.json: drop the include entries for this dist dir, whatever else changed.
  if (existsSync("tsconfig.json")) {
    const text = readFileSync("tsconfig.json", "utf8");
    const escaped = distDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const entry = new RegExp(`\\n\\s*"${escaped}/(dev/)?types/\\*\\*/\\*\\.ts",?(?=\\n)`, "g");
    const removed = text.replace(entry, "");
    if (removed !== text) {
      // Dropping the last entry leaves the one before it with a trailing comma.
      const cleaned = removed.replace(/,(\s*\])/g, "$1");
      writeFileSync("tsconfig.json", cleaned);
      console.info(`took the ${distDir} type paths back out of tsconfig.json`);
    }
  }
  // next-env.d.ts: if this build was the last to write it, put back what was there.
  if (nextEnvBefore !== null && !mentions(nextEnvBefore)) {
    const text = readFileSync("next-env.d.ts", "utf8");
    if (mentions(text)) {
      writeFileSync("next-env.d.ts", nextEnvBefore);
      console.info(`restored next-env.d.ts (next build had pointed it at ${distDir})`);
    }
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")}: ${signal ?? code}`)),
    );
  });
}

export type NextServer = { baseUrl: string; stop: () => Promise<void> };

/**
 * `next start` on 127.0.0.1 with exactly the given app environment (plus PATH and HOME),
 * ready once `readyPath` answers 2xx. Its output is kept and shown only if it fails.
 */
export async function startNextServer({
  distDir,
  env,
  port: chosenPort,
  readyPath = "/api/chats",
  timeoutMs = 90_000,
}: {
  distDir: string;
  env: Record<string, string>;
  /** A port from freePort(), when the environment must name the server's own origin. */
  port?: number;
  readyPath?: string;
  timeoutMs?: number;
}): Promise<NextServer> {
  const port = chosenPort ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "skillmate-bench-"));
  const child = spawn(NEXT_BIN, ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? os.tmpdir(),
      DATA_DIR: dataDir,
      NEXT_DIST_DIR: distDir,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    // Its own process group, so that stopping it also stops anything it forked.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    await stopProcessGroup(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(`${baseUrl}${readyPath}`, child, timeoutMs);
  } catch (error) {
    await stop();
    console.error(output);
    throw error;
  }
  return { baseUrl, stop };
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // already gone
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

// ---- load ----

export type LoadResult = {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Responses other than the expected status (non-2xx when none was given). */
  unexpected: number;
  errors: number;
  total: number;
  statusCodes: string;
  /** 1-minute load average just before the run: how busy the shared machine was. */
  loadBefore: number;
};

export type LoadCase = {
  name: string;
  url: string;
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  headers?: Record<string, string>;
  body?: string;
  /** Called before every request; return the path (with query) to use for it. */
  nextPath?: () => string;
  /** The one status every response should have; any 2xx when not given. */
  expectStatus?: number;
};

export type LoadOptions = { connections: number; durationSec: number; warmupSec: number };

/** One autocannon run after a discarded warm-up run of the same requests. */
export async function runLoad(c: LoadCase, options: LoadOptions): Promise<LoadResult> {
  const { nextPath } = c;
  const request: autocannon.Request = {
    method: c.method ?? "GET",
    ...(c.body !== undefined ? { body: c.body } : {}),
    ...(nextPath
      ? { setupRequest: (req: autocannon.Request) => ({ ...req, path: nextPath() }) }
      : {}),
  };
  const shoot = (duration: number) =>
    autocannon({
      url: c.url,
      connections: options.connections,
      duration,
      headers: c.headers ?? {},
      requests: [request],
    });
  if (options.warmupSec > 0) await shoot(options.warmupSec);
  const loadBefore = os.loadavg()[0] ?? 0;
  const result = await shoot(options.durationSec);
  const statusCodes = Object.entries(result.statusCodeStats ?? {})
    .map(([code, stat]) => `${code}×${stat.count ?? 0}`)
    .join(" ");
  const expected =
    c.expectStatus === undefined
      ? result["2xx"]
      : (result.statusCodeStats?.[`${c.expectStatus}`]?.count ?? 0);
  return {
    name: c.name,
    reqPerSec: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    unexpected: result.requests.total - expected,
    errors: result.errors,
    total: result.requests.total,
    statusCodes,
    loadBefore,
  };
}

/**
 * Waits (bounded) for the shared machine's 1-minute load average to fall under `maxLoad`,
 * so that a run does not land in the middle of someone else's build. Returns the load
 * average it starts with; goes ahead anyway after `maxWaitSec`.
 */
export async function waitForQuietMachine({
  maxLoad,
  maxWaitSec,
}: {
  maxLoad: number;
  maxWaitSec: number;
}): Promise<number> {
  const deadline = Date.now() + maxWaitSec * 1000;
  let load = os.loadavg()[0] ?? 0;
  if (load >= maxLoad) console.info(`load average ${load.toFixed(2)}: waiting for < ${maxLoad}…`);
  while (load >= maxLoad && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    load = os.loadavg()[0] ?? 0;
  }
  console.info(`load average ${load.toFixed(2)}${load >= maxLoad ? " (gave up waiting)" : ""}`);
  return load;
}

export type Measurement = { name: string; run: () => Promise<LoadResult> };
export type RoundsResult = { best: LoadResult; all: LoadResult[] };

/**
 * Runs every measurement once per round, rounds one after another and each in a rotated
 * order, so that a burst of someone else's load on a shared machine hits one round of
 * each case rather than all of one case. Each round first waits (bounded) for a quieter machine. Others' load only
 * ever slows a run down, so the best round (highest req/s) is the estimate reported.
 */
export async function runRounds(
  measurements: Measurement[],
  { rounds, quiet }: { rounds: number; quiet: { maxLoad: number; maxWaitSec: number } },
): Promise<RoundsResult[]> {
  const all: LoadResult[][] = measurements.map(() => []);
  for (let round = 1; round <= rounds; round++) {
    console.info(`round ${round} of ${rounds}`);
    await waitForQuietMachine(quiet);
    // Each round starts one case later, so that no case always runs first (after the
    // wait) or always right after the same neighbour.
    for (let k = 0; k < measurements.length; k++) {
      const i = (k + round - 1) % measurements.length;
      const m = measurements[i] as Measurement;
      const result = await m.run();
      console.info(
        `  ${m.name}: ${result.reqPerSec.toFixed(0)}/s, p50 ${result.p50.toFixed(1)} ms, ` +
          `p99 ${result.p99.toFixed(1)} ms, ${result.statusCodes || "-"}, errors ${result.errors}, ` +
          `load avg ${result.loadBefore.toFixed(2)}`,
      );
      all[i]?.push(result);
    }
  }
  return all.map((results) => ({
    best: results.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a)),
    all: results,
  }));
}

/**
 * A closed-loop load of `workers` concurrent async operations for `durationSec` after a
 * discarded warm-up, in this process: the same shape as an autocannon run, for work that
 * is not HTTP (a bare database, say).
 */
export async function runLoop(
  name: string,
  operation: () => Promise<void>,
  { connections, durationSec, warmupSec }: LoadOptions,
): Promise<LoadResult> {
  let errors = 0;
  const drive = async (seconds: number) => {
    const latencies: number[] = [];
    const deadline = performance.now() + seconds * 1000;
    const worker = async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await operation();
          latencies.push(performance.now() - t);
        } catch (error) {
          if (errors++ === 0) console.error(error);
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: connections }, worker));
    return { latencies, seconds: (performance.now() - started) / 1000 };
  };
  if (warmupSec > 0) await drive(warmupSec);
  errors = 0;
  const loadBefore = os.loadavg()[0] ?? 0;
  const { latencies, seconds } = await drive(durationSec);
  return {
    name,
    reqPerSec: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    non2xx: 0,
    unexpected: 0,
    errors,
    total: latencies.length,
    statusCodes: "",
    loadBefore,
  };
}

/** p-th percentile (0..100) of unsorted samples, nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

// ---- reporting ----

export function markdownTable(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

export type MachineInfo = {
  cores: number;
  cpu: string;
  memory: string;
  node: string;
  postgres: string;
};

export async function machineInfo(databaseUrl: string): Promise<MachineInfo> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ version: string }[]>`select version()`;
    const sh = (cmd: string, args: string[]) => {
      try {
        return execFileSync(cmd, args, { encoding: "utf8" }).trim();
      } catch {
        return "unknown";
      }
    };
    const memLine =
      sh("free", ["-g"])
        .split("\n")
        .find((l) => l.startsWith("Mem:")) ?? "";
    const [, total, used] = memLine.split(/\s+/);
    return {
      cores: Number(sh("nproc", [])) || os.availableParallelism(),
      cpu: os.cpus()[0]?.model.trim() ?? "unknown",
      memory: total ? `${total} GB RAM (${used} GB in use at the start)` : "unknown",
      node: process.version,
      postgres: row?.version.split(" on ")[0] ?? "unknown",
    };
  } finally {
    await sql.end();
  }
}

export function describeMachine(m: MachineInfo): string {
  return `${m.cores} cores (${m.cpu}), ${m.memory}, Node ${m.node}, ${m.postgres}`;
}

/** Updates the header's machine line; each section also names its own machine and date. */
export function writeDocMachine(file: string, m: MachineInfo): void {
  writeDocSection(file, "machine", `- ${describeMachine(m)}`);
}

const DOC_HEADER = `# Benchmarks

Figures from the \`npm run bench:*\` scripts (and \`npm run lighthouse\`). They build the app
into \`.next-bench\` (once; \`BENCH_REBUILD=1\` rebuilds), run \`next start\` on it, against a
scratch PostgreSQL database they seed and drop where they need one, drive it from the same
machine, and each rewrites only its own section below (between its \`bench:<name>\` markers).

They come from a shared 2-core machine where other builds and tests may be running, with
the load generator on the same machine as the server and the database: read them as orders
of magnitude and ratios within one run, not as capacity figures for production.

To rerun: start PostgreSQL, then \`npm run bench:<name>\` (\`BENCH_DATABASE_URL\` picks the
server, default \`postgres://postgres@127.0.0.1:5432/postgres\`; the user needs CREATEDB).

Machine of the latest run:
<!-- bench:machine:start -->
<!-- bench:machine:end -->
`;

/**
 * Replaces the text between `<!-- bench:<key>:start -->` and `<!-- bench:<key>:end -->`
 * in `file` (creating the file with the common header, or appending the section, if it
 * is not there yet). Other sections are left untouched.
 */
export function writeDocSection(file: string, key: string, content: string): void {
  const start = `<!-- bench:${key}:start -->`;
  const end = `<!-- bench:${key}:end -->`;
  const block = `${start}\n${content.trim()}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, "utf8") : DOC_HEADER;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
