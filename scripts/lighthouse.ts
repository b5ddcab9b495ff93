// npm run lighthouse — Lighthouse on a discoverable shared chat of 30 messages, served by
// the production build; prints the scores and writes them into docs/benchmarks.md.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { shareChatOverHttp } from "../tests/support/share-over-http";
import { ensureNextBuild } from "./bench/build";
import { Cleanup } from "./bench/cleanup";
import { markdownTable, writeDocSection } from "./bench/docs";
import { startBenchServer } from "./bench/server";
import { CHROMIUM_FLAGS, chromiumPath, freePort } from "./local-tools";

const DIST_DIR = ".next-bench";
const CATEGORIES = ["seo", "accessibility", "best-practices", "performance"] as const;

function conversation(n: number) {
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? { message_type: "user", content: `How do I improve my running pace, step ${i / 2 + 1}?` }
      : {
          message_type: "assistant",
          content: `**Build an aerobic base first.** Run easy for most of the week, and add one session of *intervals*:\n\n1. Warm up 10 minutes\n2. 6 × 400 m at 5 km pace\n3. Cool down\n\nRead more in [your club's guide](https://example.org/running).`,
        },
  );
}

async function main() {
  const cleanup = new Cleanup();
  try {
    await ensureNextBuild({ distDir: DIST_DIR, rebuild: process.env.BENCH_REBUILD === "1" });
    const port = await freePort();
    // APP_URL is the server's own origin, so canonical URLs point at the page audited.
    const server = await startBenchServer({
      distDir: DIST_DIR,
      port,
      env: {
        APP_URL: `http://127.0.0.1:${port}`,
        AUTH_SECRET: "lighthouse-secret-0123456789abcdef",
      },
    });
    cleanup.add("stop next start", server.stop);
    const { pageUrl: url } = await shareChatOverHttp(server.url, {
      title: "Running a faster 5 km",
      messages: conversation(30),
      discoverable: true,
    });
    await fetch(url); // the first view renders and fills the cache, as it would for a real visitor

    const chrome = await chromeLauncher.launch({
      chromePath: chromiumPath,
      chromeFlags: ["--headless=new", ...CHROMIUM_FLAGS],
    });
    cleanup.add("close Chromium", () => chrome.kill());
    const rows: (string | number)[][] = [];
    for (const [formFactor, config] of [
      ["desktop", desktopConfig],
      ["mobile", undefined],
    ] as const) {
      const result = await lighthouse(
        url,
        { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] },
        config,
      );
      if (!result) throw new Error("Lighthouse returned no result");
      const { categories, audits } = result.lhr;
      const scores = CATEGORIES.map((c) => Math.round((categories[c]?.score ?? 0) * 100));
      rows.push([formFactor, ...scores]);
      const failing = Object.values(audits).filter(
        (a) =>
          a.score !== null &&
          a.score < 1 &&
          a.scoreDisplayMode !== "informative" &&
          a.scoreDisplayMode !== "manual",
      );
      console.info(formFactor, Object.fromEntries(CATEGORIES.map((c, i) => [c, scores[i]])));
      for (const audit of failing.slice(0, 15))
        console.info(`  ${audit.id}: ${audit.score} ${audit.displayValue ?? ""}`);
    }
    const table = markdownTable(
      ["form factor", "SEO", "accessibility", "best practices", "performance"],
      rows,
    );
    writeDocSection(
      "docs/benchmarks.md",
      "lighthouse",
      `## Lighthouse (\`npm run lighthouse\`)\n\nLighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version} in Debian's Chromium, headless, on a discoverable shared chat of 30 messages served from the cache by the production build (embedded database). Desktop uses Lighthouse's desktop preset; mobile its default (emulated Moto G Power, simulated slow 4G). Run on ${new Date().toISOString().slice(0, 10)}.\n\n${table}\n`,
    );
    console.info(table);
  } finally {
    await cleanup.run();
  }
}

await main();
