import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test, vi } from "vitest";
import { cloudflarePurger } from "@/lib/edge/cloudflare-purger";
import { createEdgePurger, type EdgePurge, type EdgePurgeTiming } from "@/lib/edge/edge-purger";
import type { EdgePurger } from "@/lib/edge/purger";
import { varnishPurger } from "@/lib/edge/varnish-purger";

// The edge purger against real HTTP servers on 127.0.0.1 standing in for Varnish and
// Cloudflare's API: what each is sent, and that no failure of theirs reaches the caller.

type Received = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
type Answer = (request: Received, response: ServerResponse) => void;
type FakeServer = { url: string; port: number; received: Received[]; close(): Promise<void> };

const servers: FakeServer[] = [];
const purgers: EdgePurge[] = [];

afterEach(async () => {
  for (const purger of purgers.splice(0)) purger.stop();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  vi.restoreAllMocks();
});

async function startServer(answer: Answer, port = 0): Promise<FakeServer> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const entry = {
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body,
      };
      received.push(entry);
      answer(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  const fake = {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        // Kept-alive and hanging connections would hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(fake);
  return fake;
}

/** Varnish with the xkey vmod, as deploy/varnish/skillmate.vcl answers a purge. */
const varnishAnswer: Answer = (request, response) => {
  const ok = request.method === "PURGE" && request.headers["xkey-purge"];
  response.writeHead(ok ? 200 : 400).end(ok ? "Purged" : "bad purge");
};

const ZONE = "0123456789abcdef0123456789abcdef";
const TOKEN = "cf-test-token-never-shown-4b1d";

/** Cloudflare's purge_cache endpoint, for one zone and one token. */
const cloudflareAnswer: Answer = (request, response) => {
  const json = (status: number, body: object) =>
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    json(403, { success: false, errors: [{ code: 10000, message: "Authentication error" }] });
  } else if (request.method !== "POST" || request.path !== `/zones/${ZONE}/purge_cache`) {
    json(404, { success: false, errors: [{ code: 7003, message: "No route for that URI" }] });
  } else {
    json(200, { success: true, errors: [], messages: [], result: { id: "x" } });
  }
};

const fast: Partial<EdgePurgeTiming> = {
  timeoutMs: 1_000,
  backoffMs: [10, 20],
  retryEveryMs: 50,
  repeatAfterMs: 0,
};

function edge(list: EdgePurger[], timing: Partial<EdgePurgeTiming> = {}): EdgePurge {
  const purger = createEdgePurger({ purgers: list, timing: { ...fast, ...timing } });
  purgers.push(purger);
  return purger;
}

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A port nothing listens on (yet). */
async function closedPort(): Promise<number> {
  const server = await startServer(() => {});
  await server.close();
  servers.splice(servers.indexOf(server), 1);
  return server.port;
}

const silenceErrors = () => vi.spyOn(console, "error").mockImplementation(() => {});

describe("Varnish", () => {
  test("every configured instance gets PURGE / with the tags in xkey-purge", async () => {
    const errors = silenceErrors();
    const [first, second] = [await startServer(varnishAnswer), await startServer(varnishAnswer)];
    if (!first || !second) throw new Error("servers did not start");
    const purger = edge([varnishPurger(first.url), varnishPurger(`${second.url}/`)]);

    await purger.purge(["share:AbC123xyz", "share:Other456"]);

    for (const server of [first, second]) {
      expect(server.received).toHaveLength(1);
      expect(server.received[0]).toMatchObject({ method: "PURGE", path: "/" });
      expect(server.received[0]?.headers["xkey-purge"]).toBe("share:AbC123xyz share:Other456");
    }
    const status = purger.status();
    expect(status).toMatchObject({
      configured: [`varnish ${first.url}`, `varnish ${second.url}`],
      pending: 0,
      purged: 2,
      failed_attempts: 0,
      dropped: 0,
      last_error: null,
    });
    expect(Date.parse(status.last_success_at ?? "")).not.toBeNaN();
    expect(errors).not.toHaveBeenCalled();
  });

  test("a long list of tags goes in several requests, each header under 4000 characters", async () => {
    const server = await startServer(varnishAnswer);
    const tags = Array.from({ length: 400 }, (_, i) => `share:${String(i).padStart(21, "x")}`);

    await edge([varnishPurger(server.url)]).purge(tags);

    const headers = server.received.map((request) => String(request.headers["xkey-purge"]));
    expect(headers.length).toBeGreaterThan(1);
    for (const header of headers) expect(header.length).toBeLessThanOrEqual(4000);
    expect(headers.join(" ").split(" ")).toEqual(tags);
  });

  test("an answer other than 200 is a failure that names the status", async () => {
    const errors = silenceErrors();
    const server = await startServer((_, response) => response.writeHead(403).end());
    const purger = edge([varnishPurger(server.url)]);

    await purger.purge(["share:a"]);

    expect(server.received).toHaveLength(3);
    expect(purger.status().last_error?.message).toContain("403");
    expect(errors).toHaveBeenCalledTimes(1);
  });
});

describe("Cloudflare", () => {
  test("45 tags: two calls of 30 and 15, with the zone's path and the bearer token", async () => {
    const api = await startServer(cloudflareAnswer);
    const purger = edge([cloudflarePurger({ zoneId: ZONE, apiToken: TOKEN, apiUrl: api.url })]);
    const tags = Array.from({ length: 45 }, (_, i) => `share:tag${i}`);

    await purger.purge(tags);

    expect(api.received.map((request) => request.path)).toEqual([
      `/zones/${ZONE}/purge_cache`,
      `/zones/${ZONE}/purge_cache`,
    ]);
    const sent = api.received.map((request) => JSON.parse(request.body).tags as string[]);
    expect(sent.map((chunk) => chunk.length)).toEqual([30, 15]);
    expect(sent.flat()).toEqual(tags);
    expect(api.received[0]?.headers["content-type"]).toBe("application/json");
    expect(purger.status()).toMatchObject({
      configured: [`cloudflare zone ${ZONE}`],
      purged: 1,
      failed_attempts: 0,
    });
  });

  test("success: false is a failure with Cloudflare's message, and the token is never shown", async () => {
    const errors = silenceErrors();
    const api = await startServer(cloudflareAnswer);
    const wrongToken = `${TOKEN}-revoked`;
    const purger = edge([
      cloudflarePurger({ zoneId: ZONE, apiToken: wrongToken, apiUrl: api.url }),
    ]);

    await purger.purge(["share:a"]);

    const status = purger.status();
    expect(status.last_error).toMatchObject({
      purger: `cloudflare zone ${ZONE}`,
      message: expect.stringContaining("403: Authentication error"),
    });
    expect(status.pending).toBe(1);
    expect(errors).toHaveBeenCalledTimes(1);
    const logged = errors.mock.calls.flat().map(String).join("\n");
    expect(logged).toContain(`cloudflare zone ${ZONE}`);
    expect(logged).toContain("share:a");
    for (const shown of [JSON.stringify(status), logged]) {
      expect(shown).not.toContain(TOKEN);
    }
  });
});

describe("failures", () => {
  test("500 twice, then 200: purged within the quick retries, nothing logged or queued", async () => {
    const errors = silenceErrors();
    let calls = 0;
    const server = await startServer((request, response) => {
      calls++;
      if (calls <= 2) response.writeHead(500).end();
      else varnishAnswer(request, response);
    });
    const purger = edge([varnishPurger(server.url)]);

    await purger.purge(["share:a"]);

    expect(server.received).toHaveLength(3);
    expect(purger.status()).toMatchObject({ pending: 0, purged: 1, failed_attempts: 2 });
    expect(purger.status().last_error?.message).toContain("500");
    expect(errors).not.toHaveBeenCalled();
  });

  test("a Varnish that is down: the purge resolves, is queued, and goes out once it is up", async () => {
    const errors = silenceErrors();
    const port = await closedPort();
    const purger = edge([varnishPurger(`http://127.0.0.1:${port}`)]);

    await expect(purger.purge(["share:a", "share:b"])).resolves.toBeUndefined();

    const status = purger.status();
    expect(status).toMatchObject({
      pending: 2,
      purged: 0,
      failed_attempts: 3,
      last_error: { purger: `varnish http://127.0.0.1:${port}` },
    });
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(
      new RegExp(`varnish http://127.0.0.1:${port}.*share:a share:b`),
    );

    const server = await startServer(varnishAnswer, port);
    await until(() => purger.status().pending === 0);
    expect(server.received[0]?.headers["xkey-purge"]).toBe("share:a share:b");
    expect(purger.status()).toMatchObject({ purged: 1, dropped: 0 });
  });

  test("a tag still failing past the give-up delay is dropped and counted", async () => {
    const errors = silenceErrors();
    const port = await closedPort();
    const purger = edge([varnishPurger(`http://127.0.0.1:${port}`)], { giveUpAfterMs: 100 });

    await purger.purge(["share:a"]);
    await until(() => purger.status().dropped === 1);

    expect(purger.status().pending).toBe(0);
    expect(errors.mock.calls.map(String).join("\n")).toContain("gave up purging 1 tag(s)");
  });

  test("the queue is bounded: past its size the oldest tags are dropped", async () => {
    silenceErrors();
    const port = await closedPort();
    const purger = edge([varnishPurger(`http://127.0.0.1:${port}`)], {
      maxPending: 3,
      retryEveryMs: 60_000,
    });

    await purger.purge(["share:1", "share:2", "share:3", "share:4", "share:5"]);

    expect(purger.status()).toMatchObject({ pending: 3, dropped: 2 });
  });

  test("a Varnish that never answers: each attempt times out, the purge still resolves", async () => {
    const errors = silenceErrors();
    const server = await startServer(() => {});
    const purger = edge([varnishPurger(server.url)], { timeoutMs: 200 });

    const started = performance.now();
    await purger.purge(["share:a"]);
    const elapsed = performance.now() - started;

    // Three attempts of 200 ms and the pauses between them (10 + 20 ms).
    expect(elapsed).toBeGreaterThanOrEqual(3 * 200 - 10);
    expect(elapsed).toBeLessThan(1_500);
    expect(server.received).toHaveLength(3);
    expect(purger.status()).toMatchObject({
      pending: 1,
      failed_attempts: 3,
      last_error: { message: expect.stringContaining("no answer within 200 ms") },
    });
    expect(errors).toHaveBeenCalledTimes(1);
    // While it is failing, the next write waits for one try only.
    const next = performance.now();
    await purger.purge(["share:b"]);
    expect(performance.now() - next).toBeLessThan(2 * 200);
    expect(server.received.filter((r) => r.headers["xkey-purge"] === "share:b")).toHaveLength(1);
  });

  test("a purger that ignores its abort signal is still cut off by the timeout", async () => {
    silenceErrors();
    const stuck: EdgePurger = { name: "stuck", purge: () => new Promise(() => {}) };
    const purger = edge([stuck], { timeoutMs: 50, backoffMs: [] });

    await purger.purge(["share:a"]);

    expect(purger.status()).toMatchObject({ pending: 1, failed_attempts: 1 });
  });
});

describe("repeat", () => {
  test("a successful purge is sent once more after the repeat delay", async () => {
    const times: number[] = [];
    const server = await startServer((request, response) => {
      times.push(performance.now());
      varnishAnswer(request, response);
    });
    const purger = edge([varnishPurger(server.url)], { repeatAfterMs: 150 });

    await purger.purge(["share:a"]);
    expect(server.received).toHaveLength(1);

    await until(() => server.received.length === 2);
    const [first = 0, second = 0] = times;
    expect(second - first).toBeGreaterThanOrEqual(140);
    expect(server.received[1]?.headers["xkey-purge"]).toBe("share:a");
    // Once: the repeat is not repeated (it would have come 150 ms later).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.received).toHaveLength(2);
    expect(purger.status().purged).toBe(2);
  });

  test("0 disables the repeat", async () => {
    const server = await startServer(varnishAnswer);
    const purger = edge([varnishPurger(server.url)], { repeatAfterMs: 0 });

    await purger.purge(["share:a"]);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(server.received).toHaveLength(1);
  });
});

test("no purger configured: nothing to do, and the status says so", async () => {
  const purger = edge([]);
  await purger.purge(["share:a"]);
  expect(purger.status()).toEqual({
    configured: [],
    pending: 0,
    purged: 0,
    failed_attempts: 0,
    dropped: 0,
    last_error: null,
    last_success_at: null,
  });
});
