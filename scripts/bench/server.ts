import os from "node:os";
import { type NextServer, startNextServer } from "../../tests/support/next-server";

/**
 * `next start` on the bench build with exactly the given app environment (plus PATH and
 * HOME): nothing from the shell that runs the benchmark leaks into what it measures.
 */
export function startBenchServer({
  distDir,
  env,
  port,
}: {
  distDir: string;
  env: Record<string, string>;
  /** A port from freePort(), when the environment must name the server's own origin. */
  port?: number;
}): Promise<NextServer> {
  return startNextServer({
    baseEnv: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? os.tmpdir(),
      NODE_ENV: "production",
    },
    env: {
      NEXT_DIST_DIR: distDir,
      ...env,
      ...(process.env.BENCH_NODE_OPTIONS
        ? {
            NODE_OPTIONS: [process.env.BENCH_NODE_OPTIONS, env.NODE_OPTIONS]
              .filter(Boolean)
              .join(" "),
          }
        : {}),
    },
    port,
    readyPath: "/api/chats",
    timeoutMs: 90_000,
    dataDirPrefix: "skillmate-bench-",
    // Under load a long-lived server may print a lot; only a failed start shows it.
    keepOutputChars: 20_000,
  });
}
