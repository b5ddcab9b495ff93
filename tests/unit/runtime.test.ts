import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
};
const pinned = pkg.optionalDependencies[`node-${process.platform}-${process.arch}`];

describe("the Node.js the scripts run on", () => {
  // npm puts node_modules/.bin first on a script's PATH, so `npm test`, `next start` and the
  // benchmarks run on the Node.js installed from the registry, not on the machine's own.
  test.skipIf(!pinned)("is the one package.json pins for this platform", () => {
    expect(process.versions.node).toBe(pinned);
  });

  test("is the major version engines names (what a host such as Vercel deploys)", () => {
    const major = pkg.engines.node.match(/^(\d+)\.x$/)?.[1];
    expect(major).toBeDefined();
    for (const version of Object.values(pkg.optionalDependencies))
      expect(version.split(".")[0]).toBe(major);
  });
});
