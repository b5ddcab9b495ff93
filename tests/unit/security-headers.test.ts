import { expect, test } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security-headers";

test("the production CSP allows nothing from other hosts and no eval", () => {
  const csp = contentSecurityPolicy({ dev: false });
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'unsafe-inline'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toMatch(/https?:|\*|ws:/);
});

test("development adds only what React's dev build and hot reload need", () => {
  const dev = contentSecurityPolicy({ dev: true });
  expect(dev).toContain("'unsafe-eval'");
  expect(dev).toContain("connect-src 'self' ws: wss:");
});

test("the header set", () => {
  const names = securityHeaders({ dev: false }).map((h) => h.key.toLowerCase());
  expect(names).toEqual([
    "content-security-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "permissions-policy",
    "cross-origin-opener-policy",
    "strict-transport-security",
  ]);
});
