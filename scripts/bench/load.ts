// A run gives the same result shape whether autocannon drives HTTP or this process drives
// a function, so that rounds and reports treat both alike.
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
