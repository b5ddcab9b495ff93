import { DrizzleQueryError } from "drizzle-orm/errors";
import { NextRequest } from "next/server";
import { expect, test, vi } from "vitest";

// The share pages' proxy while the database is down: a 503 with Retry-After that no
// cache keeps, not Next's bare 500 for a proxy that throws (docs/operations.md).

const exposure = vi.hoisted(() => ({ fail: null as unknown }));
vi.mock("@/lib/chats/share-exposure", () => ({
  getShareExposure: async () => {
    if (exposure.fail) throw exposure.fail;
    return { shared: true, indexable: false };
  },
}));

const { proxy } = await import("@/proxy");
const page = () => new NextRequest("http://localhost:3000/chatbot/share/AAAAAAAAAAAAAAAAAAAAAA");

test("the database refusing connections: 503, Retry-After, no-store", async () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
    code: "ECONNREFUSED",
  });
  exposure.fail = new DrizzleQueryError("select 1", [], refused);
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const response = await proxy(page());
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toMatch(/temporarily unavailable/);
    expect(errors).toHaveBeenCalledOnce();
    expect(String(errors.mock.calls[0]?.[0])).toContain("code=ECONNREFUSED");
  } finally {
    errors.mockRestore();
    exposure.fail = null;
  }
});

test("any other error is not an outage: thrown on, as before", async () => {
  exposure.fail = new TypeError("a bug");
  try {
    await expect(proxy(page())).rejects.toThrow("a bug");
  } finally {
    exposure.fail = null;
  }
});

test("the database up: the page goes on, with its cache headers", async () => {
  const response = await proxy(page());
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toContain("s-maxage=60");
});
