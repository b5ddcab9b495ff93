// A run gives the same result shape whether autocannon drives HTTP or this process drives
// a function, so that rounds and reports treat both alike.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import { percentile } from "./stats";

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
  /**
   * CPU time the serving process spent per request during the run (user and system):
   * what a request costs, which others' load on the machine hardly changes (their load
   * lowers req/s, not the work each request takes). The database's own CPU is not in it.
   */
  cpuMsPerRequest?: number;
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
  /** The serving process, whose CPU time per request the result reports. */
  serverPid?: number;
};

let ticksPerSecond: number | undefined;

/** User plus system CPU time of a process so far, in ms (Linux: /proc/<pid>/stat). */
function processCpuMs(pid: number): number {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" })) || 100;
  // Fields after the command name (which may hold spaces) and its ")": utime is the 12th.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

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
  const cpuBefore = c.serverPid ? processCpuMs(c.serverPid) : 0;
  const result = await shoot(options.durationSec);
  const cpuMs = c.serverPid ? processCpuMs(c.serverPid) - cpuBefore : undefined;
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
    ...(cpuMs !== undefined ? { cpuMsPerRequest: cpuMs / Math.max(1, result.requests.total) } : {}),
  };
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
  // This process is the client here: its CPU per operation is the driver's share.
  const cpuBefore = process.cpuUsage();
  const { latencies, seconds } = await drive(durationSec);
  const cpu = process.cpuUsage(cpuBefore);
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
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length),
  };
}
