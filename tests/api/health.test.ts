import { describe, expect, test, vi } from "vitest";
import * as readyRoute from "@/app/api/health/ready/route";
import * as healthRoute from "@/app/api/health/route";
import { type Migration, migrationState, shippedMigrations } from "@/db/health";
import { checkReadiness, READY_TIMEOUT_MS } from "@/lib/health";
import { callRoute } from "../helpers/http";

// The health endpoints on the test database (PGlite, and PostgreSQL with
// TEST_DATABASE_URL). What they answer while PostgreSQL is away: db-outage.test.ts.

// Readiness's one query, made to hang or to expect a migration this database lacks.
const control = vi.hoisted(() => ({ hang: false, extra: [] as Migration[] }));
vi.mock("@/db/health", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/db/health")>();
  return {
    ...original,
    migrationState: (expected?: Migration[]) =>
      control.hang
        ? new Promise(() => {})
        : original.migrationState([
            ...(expected ?? original.shippedMigrations()),
            ...control.extra,
          ]),
  };
});

const get = (handler: (request: Request) => Promise<Response>, path: string) =>
  callRoute(handler as Parameters<typeof callRoute>[0], { method: "GET", path });

const future: Migration = { tag: "9999_not_applied", when: 4_102_444_800_000 };

describe("GET /api/health (liveness)", () => {
  test("200 {status: ok}, no-store, no cookie, whoever asks", async () => {
    const response = await callRoute(healthRoute.GET as never, {
      method: "GET",
      path: "/api/health",
      headers: { cookie: "skillmate_guest=forged" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  test("other methods are the contract's 405", async () => {
    const response = await callRoute(healthRoute.POST as never, {
      method: "POST",
      path: "/api/health",
      body: {},
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
  });
});

describe("GET /api/health/ready (readiness)", () => {
  test("200 when the database answers and every shipped migration is applied", async () => {
    const response = await get(readyRoute.GET, "/api/health/ready");
    expect(response.status).toBe(200);
    const expected = shippedMigrations().length;
    expect(expected).toBeGreaterThan(0);
    // The edge purger is reported, not checked: none is configured in tests.
    expect(await response.json()).toEqual({
      status: "ready",
      migrations: { expected, applied: expected },
      edge_purge: {
        configured: [],
        pending: 0,
        purged: 0,
        failed_attempts: 0,
        dropped: 0,
        last_error: null,
        last_success_at: null,
      },
    });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  test("the migrations of this build are the journal's, all recorded by the migrator", async () => {
    const state = await migrationState();
    expect(state.pending).toEqual([]);
    expect(state.applied).toBe(state.expected);
    expect(shippedMigrations()[0]?.tag).toBe("0000_init");
  });

  test("503 unavailable, naming it, when a migration of this build is not applied", async () => {
    control.extra = [future];
    try {
      const response = await get(readyRoute.GET, "/api/health/ready");
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body.error.code).toBe("unavailable");
      expect(body.error.message).toContain(future.tag);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(response.headers.get("cache-control")).toBe("no-store");
    } finally {
      control.extra = [];
    }
  });

  test("503 within its deadline when the database does not answer", async () => {
    control.hang = true;
    try {
      await expect(checkReadiness({ timeoutMs: 50 })).rejects.toMatchObject({
        code: "unavailable",
      });
      const started = performance.now();
      const response = await get(readyRoute.GET, "/api/health/ready");
      const elapsed = performance.now() - started;
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe("unavailable");
      expect(response.headers.get("retry-after")).not.toBeNull();
      expect(elapsed).toBeGreaterThanOrEqual(READY_TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(READY_TIMEOUT_MS + 2000);
    } finally {
      control.hang = false;
    }
  });
});
