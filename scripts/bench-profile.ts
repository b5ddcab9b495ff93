// Where a request's CPU goes in `next start`: each of bench:api's hot routes, under the same
// load, with the server's CPU sampled (V8's profiler, 0.5 ms) over the measured 10 s only.
// Each sample's function is mapped back through the build's source maps and counted
// against who wrote it: Next, the app, a library, Node, or the garbage collector. Writes
// the "profile" section of docs/benchmarks.md.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import { APP_ENV, config } from "./bench/api-config";
import { ensureNextBuild } from "./bench/build";
import { Cleanup } from "./bench/cleanup";
import { markdownTable, writeDocSection } from "./bench/docs";
import { type LoadCase, runLoad } from "./bench/load";
import { describeMachine, machineInfo } from "./bench/machine";
import { type CpuProfile, summarizeCpuProfile } from "./bench/profile";
import { waitForQuietMachine } from "./bench/rounds";
import { scratchPostgres } from "./bench/scratch";
import { BENCH_USER, benchUserChats, MESSAGES_PER_CHAT } from "./bench/seed";
import { startBenchServer } from "./bench/server";

const CHATS = 500;
const WRITE_CHATS = 100;
const LOAD = { connections: 10, durationSec: 10 };
const WARMUP_SEC = 2;
const PRELOAD = path.resolve("scripts/bench/cpu-profile-preload.cjs");
// PROFILE_TOP=20 also prints each case's 20 costliest functions of any kind (self ms per
// request), to see what the categories hold; the report keeps to the app's own lines.
const TOP_FUNCTIONS = Number(process.env.PROFILE_TOP ?? 0);

const cleanup = new Cleanup();

type Category = "Next" | "app" | "drizzle-orm" | "postgres.js" | "other libraries" | "Node" | "GC";
const CATEGORIES: Category[] = [
  "Next",
  "app",
  "drizzle-orm",
  "postgres.js",
  "other libraries",
  "Node",
  "GC",
];

async function main() {
  const machine = await machineInfo(config.adminUrl);
  await ensureNextBuild({ distDir: config.distDir, rebuild: config.rebuild });
  const { db, sql } = await scratchPostgres(cleanup, {
    adminUrl: config.adminUrl,
    prefix: "skillmate_profile",
    max: 4,
  });
  await sql`insert into users ${sql(BENCH_USER)}`;
  // The same shape of data as bench:api's, smaller: the routes read one page or one chat.
  await sql.unsafe(benchUserChats(CHATS));
  await sql`vacuum analyze`;
  const ids = (
    await sql<{ id: string }[]>`select id from chats_chat order by updated_at desc, id desc`
  ).map((r) => r.id);

  const { sessionSetCookie } = await import("@/lib/identity/session-token");
  const cookie = (await sessionSetCookie(BENCH_USER)).split(";")[0] as string;
  const headers = { cookie };
  let turn = 0;
  const cases: (Omit<LoadCase, "url"> & { path: string })[] = [
    { name: "`GET /api/health` (no app code)", path: "/api/health" },
    {
      name: "`GET /api/chats/not-a-uuid`, session (404, no query)",
      path: "/api/chats/not-a-uuid",
      headers,
      expectStatus: 404,
    },
    { name: "`GET /api/chats` (first page, 50)", path: "/api/chats", headers },
    {
      name: `\`GET /api/chats/<id>\` (${MESSAGES_PER_CHAT} messages)`,
      path: `/api/chats/${ids[CHATS / 2]}`,
      headers,
    },
    {
      name: `\`POST /api/chats/<id>/message\` (${WRITE_CHATS} chats in turn)`,
      path: `/api/chats/${ids[0]}/message`,
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ message_type: "user", content: "bench" }),
      nextPath: () => `/api/chats/${ids[turn++ % WRITE_CHATS]}/message`,
    },
  ];

  const rows: string[][] = [];
  const appRows: string[][] = [];
  for (const c of cases) {
    await waitForQuietMachine({ maxLoad: 1.5, maxWaitSec: 60 });
    const profileDir = mkdtempSync(path.join(os.tmpdir(), "skillmate-profile-"));
    const server = await startBenchServer({
      distDir: config.distDir,
      env: {
        DATABASE_URL: db.url,
        ...APP_ENV,
        NODE_OPTIONS: `--require ${PRELOAD}`,
        CPU_PROFILE_DIR: profileDir,
      },
    });
    // Stopped below once measured; here too in case a case fails (stopping twice is fine).
    cleanup.add("stop server", server.stop);
    cleanup.add("remove the profile", () => rmSync(profileDir, { recursive: true, force: true }));
    const loadCase: LoadCase = { ...c, url: `${server.url}${c.path}` };
    await runLoad(loadCase, { ...LOAD, durationSec: WARMUP_SEC, warmupSec: 0 });
    process.kill(server.pid, "SIGUSR2");
    const result = await runLoad(loadCase, { ...LOAD, warmupSec: 0 });
    process.kill(server.pid, "SIGUSR2");
    const file = path.join(profileDir, `${server.pid}.cpuprofile`);
    for (let i = 0; i < 50 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
    await server.stop();
    const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
    if (result.unexpected + result.errors > 0) {
      throw new Error(
        `${c.name}: ${result.unexpected} unexpected answers, ${result.errors} errors`,
      );
    }

    const byCategory = new Map<Category, number>(CATEGORIES.map((k) => [k, 0]));
    const appFunctions = new Map<string, number>();
    const busiest: string[] = [];
    for (const entry of summarizeCpuProfile(profile).functions) {
      if (entry.name === "(idle)") continue;
      const { category, where } = attribute(entry);
      if (busiest.length < TOP_FUNCTIONS)
        busiest.push(
          `  ${entry.name} ${where} [${category}] ${(entry.selfMs / result.total).toFixed(3)}`,
        );
      byCategory.set(category, (byCategory.get(category) ?? 0) + entry.selfMs);
      // By source line: the build's minified function names say nothing.
      if (category === "app")
        appFunctions.set(where, (appFunctions.get(where) ?? 0) + entry.selfMs);
    }
    const busy = [...byCategory.values()].reduce((a, b) => a + b, 0);
    const perRequest = (ms: number) => (ms / result.total).toFixed(2);
    const share = (ms: number) => `${Math.round((ms / busy) * 100)} %`;
    console.info(`${c.name}: ${Math.round(result.reqPerSec)} req/s, ${perRequest(busy)} ms/req`);
    if (busiest.length > 0) console.info(busiest.join("\n"));
    rows.push([
      c.name,
      Math.round(result.reqPerSec).toLocaleString("en"),
      perRequest(busy),
      ...CATEGORIES.map((k) => {
        const ms = byCategory.get(k) ?? 0;
        return `${perRequest(ms)} (${share(ms)})`;
      }),
    ]);
    const top = [...appFunctions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
    appRows.push([
      c.name,
      top.map(([name, ms]) => `${name.replaceAll("|", "\\|")} ${perRequest(ms)}`).join("; ") || "-",
    ]);
  }

  const section = `## Where a request's CPU goes (\`npm run bench:profile\`)

Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${describeMachine(machine)}.
\`next start\` of the bench build, one user with ${CHATS} chats of ${MESSAGES_PER_CHAT} messages on a
scratch PostgreSQL database, ${LOAD.connections} connections for ${LOAD.durationSec} s per case after a
${WARMUP_SEC} s warm-up, a fresh server per case, \`RATE_LIMITS=off\`. The server's CPU is sampled
by V8's profiler every 0.5 ms during the ${LOAD.durationSec} s only (which itself slows the server
somewhat); each sample's function is traced back through the build's source maps and
counted against whoever wrote it. Figures are CPU ms per request (and share of the
process's busy time); the database's own CPU is not in them. "Node" is Node's HTTP, streams,
buffers, URL and async hooks (that Next drives); "GC" the garbage collector.

${markdownTable(["case", "req/s", "CPU ms/req", ...CATEGORIES], rows)}

The app's own code that costs the most (self time, by the source line of the function, ms per request):

${markdownTable(["case", "app code"], appRows)}
`;
  console.info(`\n${section}`);
  writeDocSection(config.doc, "profile", section);
  await cleanup.run();
}

// ---- attributing a sample ----

const maps = new Map<string, SourceMap | null>();

/** The source file and line (1-based) a position of the build came from. */
function sourceOf(
  url: string,
  line: number,
  column: number,
): { file: string; line: number } | null {
  const file = url.startsWith("file://") ? new URL(url).pathname : url;
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    maps.set(
      file,
      existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))) : null,
    );
  }
  const entry = maps.get(file)?.findEntry(line - 1, column - 1);
  return entry && "originalSource" in entry
    ? { file: entry.originalSource, line: entry.originalLine + 1 }
    : null;
}

function attribute(entry: { name: string; url: string; line: number; column: number }): {
  category: Category;
  where: string;
} {
  const { name, url } = entry;
  if (name === "(garbage collector)") return { category: "GC", where: "" };
  // Natives (socket writes, JSON, microtasks) and Node's own modules.
  if (!url || url.startsWith("node:")) return { category: "Node", where: url };
  const original = sourceOf(url, entry.line, entry.column);
  const source = original?.file ?? url;
  const file = source.replace(/^.*\[project\]\//, "").replace(/^(\.\.\/)+/, "");
  const where = original ? `${file}:${original.line}` : file;
  const chunk = path.basename(url);
  const pkg = /node_modules[/_](@[^/_]+[/_][^/_]+|[^/_]+)/.exec(`${url} ${source}`)?.[1];
  if (
    url.includes("/node_modules/next/") ||
    source.startsWith("webpack://next/") ||
    chunk.startsWith("[turbopack]") ||
    /(^|\/)src\/(server|shared|build|client)\//.test(source)
  ) {
    return { category: "Next", where };
  }
  if (chunk.startsWith("node_modules_drizzle-orm") || pkg === "drizzle-orm") {
    return { category: "drizzle-orm", where };
  }
  if (chunk.startsWith("node_modules_postgres_") || pkg === "postgres") {
    return { category: "postgres.js", where };
  }
  if (/^(lib|db|app|components)\//.test(file)) return { category: "app", where };
  return { category: "other libraries", where };
}

main().catch(async (error) => {
  console.error(error);
  await cleanup.run();
  process.exit(1);
});
