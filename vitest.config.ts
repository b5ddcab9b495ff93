import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const shared = {
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React's server bundle; tests are server code.
      "server-only": path.join(root, "tests/setup/empty.ts"),
    },
  },
};

// Integration tests run on PGlite always, and on PostgreSQL too when TEST_DATABASE_URL
// is set; each run gets a fresh database (a temp directory, or a created database).
const integration = ["tests/db/**/*.test.ts", "tests/api/**/*.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // More files at once than cores: a file spends much of its time waiting (on its
    // database, a server it started, a timer), so on 2 cores 4 workers take the whole run
    // from about 290 s to about 180 s (a 2-core Intel Xeon on Node 20; a 2-core AMD EPYC
    // on Node 24 takes about 290 s with 4).
    maxWorkers: 4,
    // Every test file opens its own copy of the embedded database, and each worker compiles
    // PGlite's wasm afresh; optimizing it (V8's TurboFan tier) is wasted on a file that
    // lives seconds. Baseline code only: the unit and PGlite projects 211-213 s -> 170-194 s
    // (three runs each, 2-core AMD EPYC, Node 24), PostgreSQL's project unaffected.
    execArgv: ["--liftoff-only"],
    projects: [
      {
        ...shared,
        extends: true as const,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"] },
      },
      {
        ...shared,
        extends: true as const,
        test: {
          name: "pglite",
          include: integration,
          globalSetup: ["tests/setup/pglite-global.ts"],
          setupFiles: ["tests/setup/limits.ts", "tests/setup/pglite.ts"],
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              ...shared,
              extends: true as const,
              test: {
                name: "postgres",
                include: integration,
                globalSetup: ["tests/setup/postgres-global.ts"],
                setupFiles: ["tests/setup/limits.ts", "tests/setup/postgres.ts"],
              },
            },
          ]
        : []),
    ],
  },
});
