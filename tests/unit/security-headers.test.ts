import { expect, test } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security-headers";

const header = (dev: boolean, name: string) =>
  securityHeaders({ dev }).find((h) => h.key.toLowerCase() === name)?.value;

test("the production CSP allows nothing from other hosts and no eval", () => {
  const csp = contentSecurityPolicy({ dev: false });
  for (const directive of [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ]) {
    expect(csp.split("; ")).toContain(directive);
  }
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toMatch(/https?:|\*|wss?:/);
});

test("development adds only what React's dev build and hot reload need", () => {
  const production = contentSecurityPolicy({ dev: false }).split("; ");
  const dev = contentSecurityPolicy({ dev: true }).split("; ");
  expect(dev.filter((d) => !production.includes(d))).toEqual([
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "connect-src 'self' ws: wss:",
  ]);
});

test("the header set of a production build", () => {
  expect(securityHeaders({ dev: false }).map((h) => h.key.toLowerCase())).toEqual([
    "content-security-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "permissions-policy",
    "cross-origin-opener-policy",
    "strict-transport-security",
  ]);
  expect(header(false, "x-frame-options")).toBe("DENY");
  expect(header(false, "x-content-type-options")).toBe("nosniff");
  expect(header(false, "referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(header(false, "strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
});

test("HSTS is left out of the dev server, which would pin localhost to HTTPS", () => {
  expect(header(true, "strict-transport-security")).toBeUndefined();
});

test("Permissions-Policy denies devices and payment, and leaves the clipboard to the page", () => {
  const policy = header(false, "permissions-policy") ?? "";
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
    expect(policy).toContain(`${feature}=()`);
  }
  expect(policy).not.toContain("clipboard");
});
