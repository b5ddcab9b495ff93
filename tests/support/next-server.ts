// `next start` on a production build, for the e2e specs that need servers of their own and
// for the benchmarks: on 127.0.0.1, a free port, a DATA_DIR of its own, in its own process
// group, and not handed back before it answers.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/local-tools";

// The binary itself rather than npx: one process fewer between the signal and the server.
export const NEXT_BIN = path.resolve("node_modules/.bin/next");

export type NextServer = {
  url: string;
  /** What the server printed so far (the tail, when `keepOutputChars` is set). */
  output: () => string;
  stop: () => Promise<void>;
  /** The server's process (to signal it alone), and how it ended once it has. */
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export async function startNextServer({
  baseEnv,
  env,
  port: chosenPort,
  readyPath,
  timeoutMs,
  dataDirPrefix,
  keepOutputChars = Number.POSITIVE_INFINITY,
}: {
  /** What the server's environment starts from (the caller's own, or just PATH and HOME). */
  baseEnv: NodeJS.ProcessEnv;
  /** The app's settings, over baseEnv and the defaults here. */
  env: Record<string, string>;
  /** A port from freePort(), when the environment must name the server's own origin. */
  port?: number;
  /** Must answer 2xx before the server counts as up. */
  readyPath: string;
  timeoutMs: number;
  /** Names the DATA_DIR temp dir, so that one left behind says who made it. */
  dataDirPrefix: string;
  keepOutputChars?: number;
}): Promise<NextServer> {
  const port = chosenPort ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // A DATA_DIR of its own: the embedded database and anything else on disk are not shared.
  const dataDir = mkdtempSync(path.join(tmpdir(), dataDirPrefix));
  const child = spawn(
    NEXT_BIN,
    ["start", "-H", "127.0.0.1", "-p", String(port), "--keepAliveTimeout", "75000"],
    {
      env: { ...baseEnv, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir, ...env },
      // Its own process group, so that stopping it also stops anything it forked.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    // "close": after its output has all been read, so output() holds its last lines.
    (resolve) => child.once("close", (code, signal) => resolve({ code, signal })),
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-keepOutputChars);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    await stopProcessGroup(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(`${url}${readyPath}`, child, timeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; it printed:\n${output}`);
  }
  return { url, output: () => output, stop, pid: child.pid as number, exited };
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
