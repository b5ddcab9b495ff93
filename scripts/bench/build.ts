import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { NEXT_BIN } from "../../tests/support/next-server";

/**
 * Builds the app into `distDir` unless a build is already there. A non-default dist dir
 * makes `next build` point tsconfig.json and next-env.d.ts at its own type files; those
 * files belong to the project (and other builds in this tree edit them too), so only this
 * build's own changes are taken back out afterwards.
 */
export async function ensureNextBuild({
  distDir,
  rebuild = false,
}: {
  distDir: string;
  rebuild?: boolean;
}): Promise<void> {
  // next build writes BUILD_ID before prerendering, so a failed build leaves one behind:
  // only this marker, written after a build succeeded, means there is a usable build.
  const marker = path.join(distDir, "bench-build-ok");
  if (!rebuild && existsSync(marker)) {
    const builtAt = readFileSync(marker, "utf8").trim();
    console.info(`using the build in ${distDir} from ${builtAt} (BENCH_REBUILD=1 rebuilds it)`);
    return;
  }
  rmSync(marker, { force: true });
  const nextEnvBefore = existsSync("next-env.d.ts") ? readFileSync("next-env.d.ts", "utf8") : null;
  const tsconfigBefore = existsSync("tsconfig.json") ? readFileSync("tsconfig.json", "utf8") : null;
  console.info(`building the app into ${distDir}…`);
  const started = performance.now();
  try {
    await run(NEXT_BIN, ["build"], {
      ...process.env,
      NEXT_DIST_DIR: distDir,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    });
  } finally {
    undoTypePaths(distDir, nextEnvBefore, tsconfigBefore);
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  console.info(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function undoTypePaths(
  distDir: string,
  nextEnvBefore: string | null,
  tsconfigBefore: string | null,
) {
  const mentions = (text: string) =>
    text.includes(`./${distDir}/`) || text.includes(`"${distDir}/`);
  // tsconfig.json: drop the include entries for this dist dir, whatever else changed;
  // and since next build also reformats the file, the same settings go back as written.
  if (existsSync("tsconfig.json")) {
    const text = readFileSync("tsconfig.json", "utf8");
    const escaped = distDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const entry = new RegExp(`\\n\\s*"${escaped}/(dev/)?types/\\*\\*/\\*\\.ts",?(?=\\n)`, "g");
    // Dropping the last entry leaves the one before it with a trailing comma.
    const cleaned = text.replace(entry, "").replace(/,(\s*\])/g, "$1");
    const restored =
      tsconfigBefore !== null && sameJson(cleaned, tsconfigBefore) ? tsconfigBefore : cleaned;
    if (restored !== text) {
      writeFileSync("tsconfig.json", restored);
      console.info(`took the ${distDir} type paths back out of tsconfig.json`);
    }
  }
  // next-env.d.ts: if this build was the last to write it, put back what was there.
  if (nextEnvBefore !== null && !mentions(nextEnvBefore)) {
    const text = readFileSync("next-env.d.ts", "utf8");
    if (mentions(text)) {
      writeFileSync("next-env.d.ts", nextEnvBefore);
      console.info(`restored next-env.d.ts (next build had pointed it at ${distDir})`);
    }
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")}: ${signal ?? code}`)),
    );
  });
}

function sameJson(a: string, b: string): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(a), JSON.parse(b));
  } catch {
    return false;
  }
}
