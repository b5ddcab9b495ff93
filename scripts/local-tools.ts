// What the test runners and the benchmark scripts share about this machine: a free
// loopback port, and the Chromium to drive (Playwright's own download does not work
// everywhere; Debian's chromium does).
import { existsSync } from "node:fs";
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export const chromiumPath: string | undefined =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/**
 * The browser the e2e tests drive: Chromium's headless shell (Debian's
 * chromium-headless-shell), which is what Playwright itself runs for headless tests. The
 * full browser in headless mode spent about twice the CPU on the same specs, and on 2
 * cores the e2e run is CPU-bound: 597 s with the full browser, 474 s with the shell
 * (both recording a trace of every test, as CI then did).
 */
export const e2eBrowserPath: string | undefined =
  process.env.CHROMIUM_PATH ??
  (existsSync("/usr/bin/chromium-headless-shell")
    ? "/usr/bin/chromium-headless-shell"
    : chromiumPath);

/** Headless as root, with nothing that would reach for the network. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
