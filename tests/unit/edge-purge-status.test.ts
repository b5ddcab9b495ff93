import { createServer } from "node:net";
import { afterAll, expect, test, vi } from "vitest";

// GET /api/health/ready shows the edge purger's state to anyone: it must not tell where the
// edge lives. The app's own purger (from the environment), purging a Varnish that is down.

const closedPort = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const address = server.address();
    server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
  });
});
vi.stubEnv("EDGE_PURGE_URLS", `http://127.0.0.1:${closedPort}`);
vi.stubEnv("EDGE_PURGE_TIMEOUT_MS", "200");
vi.stubEnv("EDGE_PURGE_GIVE_UP_MS", "0");
vi.spyOn(console, "error").mockImplementation(() => {});
const { edgePurgeStatus, purgeEdge } = await import("@/lib/edge/purge-edge");

afterAll(() => {
  vi.unstubAllEnvs();
});

test("the public status names purgers by kind, and its error no address", async () => {
  await purgeEdge(["share:abc"]);
  const status = edgePurgeStatus();
  expect(status.configured).toEqual(["varnish 1"]);
  expect(status.last_error?.purger).toBe("varnish 1");
  expect(status.failed_attempts).toBeGreaterThan(0);
  const shown = JSON.stringify(status);
  expect(shown).not.toContain("127.0.0.1");
  expect(shown).not.toContain(String(closedPort));
});
