// Varnish in front of running app servers, as deploy/varnish/run.sh starts it: for the e2e
// spec of the edge cache and for bench:share's "through Varnish" row.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../scripts/local-tools";

const RUN = path.resolve("deploy/varnish/run.sh");

/** Whether this machine has varnishd and the xkey vmod (Debian: varnish, varnish-modules). */
export function varnishInstalled(): boolean {
  const found = spawnSync("sh", ["-c", "command -v varnishd || test -x /usr/sbin/varnishd"]);
  if (found.status !== 0) return false;
  return [
    "/usr/lib/x86_64-linux-gnu/varnish/vmods",
    "/usr/lib/aarch64-linux-gnu/varnish/vmods",
    "/usr/lib/varnish/vmods",
  ].some((dir) => existsSync(path.join(dir, "libvmod_xkey.so")));
}

export type Varnish = {
  url: string;
  port: number;
  stop: () => Promise<void>;
  output: () => string;
};

/** A port for Varnish, chosen before the app servers start (they are told where to purge). */
export const varnishPort = freePort;

export async function startVarnish({
  port,
  backends,
  env = {},
}: {
  port: number;
  /** The app servers' base URLs. */
  backends: string[];
  env?: Record<string, string>;
}): Promise<Varnish> {
  const hosts = backends.map((b) => new URL(b).host).join(",");
  const child = spawn(RUN, [String(port), hosts], {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child);
  try {
    await waitForBackends(url, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; run.sh printed:\n${output}`);
  }
  return { url, port, stop, output: () => output };
}

// Up once it answers through to a healthy backend (its probes need a moment).
async function waitForBackends(url: string, child: ChildProcess) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`run.sh exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Varnish at ${url} did not reach a backend within 30 s`);
}

async function stopGroup(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // TERM to run.sh alone: it stops varnishd and removes its scratch directory.
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), "SIGKILL");
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}
