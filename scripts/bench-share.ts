// npm run bench:share — requests per second and p99 of a shared chat page of 30 and of
// 300 messages: served from the app's cache, through the edge cache the app ships
// (deploy/varnish/, when varnishd is installed), and the same HTML from a bare Node `http`
// server (this machine's ceiling); and what drawing the page costs when it is not cached.
// Writes docs/benchmarks.md.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PublicChat } from "../lib/chats/public-chat";
import { sharePageHtml } from "../lib/share/page-html";
import { createScratchDatabase } from "../tests/support/scratch-database";
import { shareChatOverHttp } from "../tests/support/share-over-http";
import { startVarnish, varnishInstalled, varnishPort } from "../tests/support/varnish";
import { ensureNextBuild } from "./bench/build";
import { Cleanup } from "./bench/cleanup";
import { markdownTable, writeDocSection } from "./bench/docs";
import { type LoadResult, runLoad } from "./bench/load";
import { pageWeight, WEIGHT_HEADERS, weightRow } from "./bench/page-weight";
import { startBenchServer } from "./bench/server";
import { freePort } from "./local-tools";

const DIST_DIR = ".next-bench";
const embedded = process.env.BENCH_EMBEDDED === "1";
const OPTIONS = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  durationSec: Number(process.env.BENCH_SECONDS ?? 10),
  warmupSec: 2,
};

function conversation(n: number) {
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? {
          message_type: "user",
          content: `Question ${i / 2 + 1}: how do I get better at sight-reading music?`,
        }
      : {
          message_type: "assistant",
          content: `### Step ${(i + 1) / 2}\n\nPractise **ten minutes a day** with pieces a little below your level.\n\n- Keep a steady beat\n- Look ahead one bar\n- Do not stop for mistakes\n\n\`\`\`\nmetronome: 60 bpm\n\`\`\``,
        },
  );
}

/** A bare Node http server answering every request with `html`: the ceiling. */
async function startStaticServer(html: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "skillmate-static-"));
  const file = path.join(dir, "page.html");
  writeFileSync(file, html);
  const port = await freePort();
  const code = `
    const http = require("node:http"); const fs = require("node:fs");
    const body = fs.readFileSync(${JSON.stringify(file)});
    http.createServer((req, res) => { res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length }); res.end(body); })
      .listen(${port}, "127.0.0.1", () => console.log("ready"));`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => child.stdout?.once("data", () => resolve()));
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

const DRAWS = 15;

/** The median time to write the page from the chat, in milliseconds. */
async function drawTime(baseUrl: string, shareId: string): Promise<number> {
  const shared = (await (await fetch(`${baseUrl}/api/chats/share/${shareId}/`)).json()) as Omit<
    PublicChat,
    "is_discoverable" | "shared_at" | "share_expires_at" | "share_mode" | "snapshot_at"
  >;
  const chat: PublicChat = {
    ...shared,
    is_discoverable: false,
    shared_at: shared.updated_at,
    share_expires_at: null,
    share_mode: "live",
    snapshot_at: null,
  };
  const times: number[] = [];
  for (let i = 0; i < DRAWS; i++) {
    const start = performance.now();
    await sharePageHtml(chat, []);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(DRAWS / 2)] ?? 0;
}

async function main() {
  const cleanup = new Cleanup();
  try {
    await ensureNextBuild({ distDir: DIST_DIR, rebuild: process.env.BENCH_REBUILD === "1" });
    const db = await createScratchDatabase({
      adminUrl: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
      prefix: "skillmate_bench_share",
      migrate: true,
      log: console.info,
    });
    cleanup.add("drop the scratch database", db.drop);
    const server = await startBenchServer({
      distDir: DIST_DIR,
      env: {
        DATABASE_URL: db.url,
        AUTH_SECRET: "bench-secret-bench-secret-0123456789",
        RATE_LIMITS: "off",
      },
    });
    cleanup.add("stop next start", server.stop);
    const edge = varnishInstalled()
      ? await startVarnish({ port: await varnishPort(), backends: [server.url] })
      : null;
    if (edge) cleanup.add("stop Varnish", edge.stop);
    else console.warn("varnishd with xkey not installed: no row through Varnish");

    const rows: (string | number)[][] = [];
    const weights: string[][] = [];
    for (const size of [30, 300]) {
      const { pageUrl, shareId } = await shareChatOverHttp(server.url, {
        title: `Sight-reading, ${size} messages`,
        messages: conversation(size),
      });
      const html = await (await fetch(pageUrl)).text();
      weights.push(weightRow(`${size} messages`, await pageWeight(pageUrl)));
      const check = await fetch(pageUrl);
      if (check.headers.get("x-share-cache") !== "HIT")
        throw new Error(`page not cached: ${check.headers.get("x-share-cache")}`);

      const cached = await runLoad({ name: `cached ${size}`, url: pageUrl }, OPTIONS);
      const drawMs = await drawTime(server.url, shareId);
      const throughEdge: LoadResult[] = [];
      if (edge) {
        const edgeUrl = new URL(new URL(pageUrl).pathname, edge.url).href;
        await fetch(edgeUrl);
        const hit = await fetch(edgeUrl);
        if (hit.headers.get("x-cache") !== "HIT")
          throw new Error(`not cached by Varnish: ${hit.headers.get("x-cache")}`);
        // The same bytes as the ceiling, then gzipped, as browsers ask for it (Varnish keeps
        // one copy per encoding).
        throughEdge.push(
          await runLoad({ name: `varnish ${size}`, url: edgeUrl }, OPTIONS),
          await runLoad(
            { name: `varnish gzip ${size}`, url: edgeUrl, headers: { "accept-encoding": "gzip" } },
            OPTIONS,
          ),
        );
      }
      const staticServer = await startStaticServer(html);
      const ceiling = await runLoad({ name: `static ${size}`, url: staticServer.url }, OPTIONS);
      staticServer.stop();
      for (const r of [cached, ...throughEdge, ceiling]) console.info(r);
      const ratio = (r: LoadResult) => `${((r.reqPerSec / ceiling.reqPerSec) * 100).toFixed(0)}%`;
      const kib = (Buffer.byteLength(html) / 1024).toFixed(0);
      rows.push(
        [
          `${size} messages (${kib} KiB)`,
          "served from the app's cache",
          cached.reqPerSec.toFixed(0),
          cached.p99,
          ratio(cached),
          cached.non2xx,
        ],
        ...throughEdge.map((r, i) => [
          "",
          i === 0 ? "through Varnish (deploy/varnish/)" : "through Varnish, gzip asked for",
          r.reqPerSec.toFixed(0),
          r.p99,
          ratio(r),
          r.non2xx,
        ]),
        [
          "",
          "same HTML, bare Node http (ceiling)",
          ceiling.reqPerSec.toFixed(0),
          ceiling.p99,
          "100%",
          ceiling.non2xx,
        ],
        ["", "drawn, not cached (ms per page, in-process)", drawMs.toFixed(1), "", "", ""],
      );
    }
    const table = markdownTable(
      ["page", "served as", "req/s", "p99 ms", "of ceiling", "non-2xx"],
      rows,
    );
    const weightTable = markdownTable(WEIGHT_HEADERS, weights);
    writeDocSection(
      "docs/benchmarks.md",
      embedded ? "share-embedded" : "share",
      `## Share page (\`${embedded ? "BENCH_EMBEDDED=1 " : ""}npm run bench:share\`)\n\nautocannon, ${OPTIONS.connections} connections, ${OPTIONS.durationSec} s after a ${OPTIONS.warmupSec} s warm-up, on the production build ${embedded ? "with the embedded database (no cross-instance tag check: the cache's own cost)" : "with PostgreSQL (so every cached read also runs the cross-instance tag check of docs/caching.md)"}. "Drawn, not cached": the time \`sharePageHtml\` (lib/share/page-html.ts) takes to write the page from the chat, median of ${DRAWS} runs in this process, which is what a request costs the app when the page is not in its cache (the chat's data then comes from its own \`use cache\` entry or one query). "Through Varnish": \`deploy/varnish/run.sh\` in front of the same server, the page already in its cache; the first row asks without gzip, as the ceiling is asked, the second as browsers ask (Varnish keeps one copy of the page per encoding, as the app sent it). Run on ${new Date().toISOString().slice(0, 10)}.\n\n${table}\n\nWhat a reader downloads (HTML as the server sends it, and the script files it loads; gzip level 6 here):\n\n${weightTable}\n`,
    );
    console.info(table);
    console.info(weightTable);
  } finally {
    await cleanup.run();
  }
}

await main();
