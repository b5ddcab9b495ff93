import path from "node:path";
import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { securityHeaders } from "./lib/security-headers";

const here = import.meta.dirname;

const nextConfig = (phase: string): NextConfig => ({
  // PGlite ships a wasm file it loads by URL; bundling it breaks that lookup.
  // rate-limiter-flexible imports drizzle-orm by a computed name, which a bundle cannot
  // resolve: loaded by Node instead, it finds it in node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "rate-limiter-flexible"],
  poweredByHeader: false,
  // Caching is explicit: "use cache" + cacheTag (public share pages); everything else
  // renders per request.
  cacheComponents: true,
  // Set, so the dev server stops warning at every start; off, because with it on the
  // share route gets a fallback shell in the page cache and a cached share page misses
  // (e2e share-abuse and share-instances fail). Prefetching stays as it was.
  partialPrefetching: false,
  // Both of Next's caches, with tag expiry shared across instances (docs/caching.md).
  cacheHandler: path.join(here, "lib/cache/isr-handler.cjs"),
  cacheHandlers: { default: path.join(here, "lib/cache/use-cache-handler.cjs") },
  // Lets several builds live side by side (benchmarks, parallel e2e runs in one tree).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // On every response, cached pages and API errors included (lib/security-headers.ts).
  // An unnamed group, not "/:path*": a rule with named params has Next compile each
  // header value holding a ":" (the CSP's data: and blob:) as a path on every request.
  async headers() {
    const dev = phase === PHASE_DEVELOPMENT_SERVER;
    return [{ source: "/(.*)", headers: securityHeaders({ dev }) }];
  },
});

export default nextConfig;
