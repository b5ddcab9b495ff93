import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships a wasm file it loads by URL; bundling it breaks that lookup.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
};

export default nextConfig;
