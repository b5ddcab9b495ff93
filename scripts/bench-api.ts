// npm run bench:api — throughput and latency of the chats API under `next start`, on a
// seeded PostgreSQL database, next to the same inserts made straight through postgres.js.
// Writes the "API" section of docs/benchmarks.md. Not a test: nothing here passes or fails
// on a number.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PgDialect } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import { encodeCursor } from "@/lib/chats/cursor";
import { APP_ENV, config, LOAD, QUIET } from "./bench/api-config";
import { ensureNextBuild } from "./bench/build";
import { Cleanup } from "./bench/cleanup";
import { markdownTable, writeDocMachine, writeDocSection } from "./bench/docs";
import { type LoadCase, type LoadResult, runLoad, runLoop } from "./bench/load";
import { describeMachine, machineInfo } from "./bench/machine";
import { type Measurement, type RoundsResult, runRounds } from "./bench/rounds";
import { scratchPostgres } from "./bench/scratch";
import { BENCH_USER, benchUserChats, MESSAGES_PER_CHAT, messagesFrom } from "./bench/seed";
import { startBenchServer } from "./bench/server";
import { freePort } from "./local-tools";

// BENCH_EMBEDDED=1: the API on the embedded database (PGlite), with the other users' chats
// a tenth as many (PGlite seeds far slower); no PostgreSQL reference rows.
const embedded = process.env.BENCH_EMBEDDED === "1";
const BENCH_CHATS = 10_000;
const OTHER_USERS = 1_000;
const OTHER_CHATS = embedded ? 10_000 : 100_000;
const OTHER_BATCHES = 4;
const DEEP_ROW = 9_000;
// POSTs rotate over this many of the bench user's oldest chats, so that concurrent
// writers rarely queue on one chat's row lock (the app locks the chat FOR UPDATE).
const WRITE_CHATS = 100;
// The issue's latency goal for writes is at this many connections.
const POST_CONNECTIONS = 50;
// The API's session signing key; the bench process signs the cookie with the same one.

const cleanup = new Cleanup();
await cleanup.around(embedded ? mainEmbedded : main);

async function main() {
  const machine = await machineInfo(config.adminUrl);
  console.info(`machine: ${describeMachine(machine)}`);

  // The build comes first: it is the slow step, and needs no database.
  await ensureNextBuild({ distDir: config.distDir, rebuild: config.rebuild });

  const { db, sql } = await scratchPostgres(cleanup, {
    adminUrl: config.adminUrl,
    prefix: "skillmate_bench",
    max: 10,
  });

  const seed = await seedDatabase(postgresExec(sql));

  const server = await startBenchServer({
    distDir: config.distDir,
    env: { DATABASE_URL: db.url, ...APP_ENV },
  });
  cleanup.add("stop server", server.stop);
  console.info(`next start is up at ${server.url}`);

  const cookie = await benchCookie();
  const chatIds = await sql<{ id: string }[]>`
    select id from chats_chat where user_id = ${BENCH_USER.id}
    order by updated_at desc, id desc`.then((rows) => rows.map((r) => r.id));
  const detailId = chatIds[BENCH_CHATS / 2] as string;
  const writeIds = chatIds.slice(-WRITE_CHATS);

  const deepCursor = await checkDeepCursor(server.url, cookie, sql);
  const plans = await explainListQueries(sql, deepCursor);

  const base = server.url;
  const headers = { cookie };
  const app = { serverPid: server.pid };
  await checkResponses(base, headers, detailId, writeIds[0] as string);

  const bare = await startBareApi(db.url);
  cleanup.add("stop the bare reference server", bare.stop);
  await checkSameJson(base, headers, bare.url, detailId);

  const reference = { serverPid: bare.pid };
  const http = (c: LoadCase, options = LOAD): Measurement => ({
    name: c.name,
    run: () => runLoad(c, options),
  });
  const post = (name: string) => ({ ...postCase(name, base, headers, writeIds), ...app });
  const measurements: Measurement[] = [
    http({ name: "`GET /api/chats` (first page, 50)", url: `${base}/api/chats`, headers, ...app }),
    http({ name: "same query and JSON, bare Node http", url: `${bare.url}/list`, ...reference }),
    http({
      name: `\`GET /api/chats?cursor=…\` (after row ${DEEP_ROW.toLocaleString("en")}, 50)`,
      url: `${base}/api/chats?cursor=${deepCursor}`,
      headers,
      ...app,
    }),
    http({
      name: `\`GET /api/chats/<id>\` (${MESSAGES_PER_CHAT} messages)`,
      url: `${base}/api/chats/${detailId}`,
      headers,
      ...app,
    }),
    http({
      name: "same query and JSON, bare Node http",
      url: `${bare.url}/detail/${detailId}`,
      ...reference,
    }),
    http(post(`\`POST /api/chats/<id>/message\` (${WRITE_CHATS} chats in turn)`)),
    {
      name: "same statement, postgres.js direct",
      run: async () =>
        runLoop("same statement, postgres.js direct", await directInsert(sql, writeIds), LOAD),
    },
    http(post(`\`POST …/message\`, ${POST_CONNECTIONS} connections`), {
      ...LOAD,
      connections: POST_CONNECTIONS,
    }),
    // What the session costs: one route that answers 404 before any query, without a
    // session cookie and with one (decrypting the Auth.js JWT).
    http({
      name: "`GET /api/chats/not-a-uuid`, no session (404, no query)",
      url: `${base}/api/chats/not-a-uuid`,
      expectStatus: 404,
      ...app,
    }),
    http({
      name: "`GET /api/chats/not-a-uuid`, session (JWT decrypted, 404, no query)",
      url: `${base}/api/chats/not-a-uuid`,
      headers,
      expectStatus: 404,
      ...app,
    }),
    // What Next itself costs: a route that runs none of the app's code (no session, no
    // query), and a bare Node server answering the same bytes. No route of the app can be
    // faster than the first.
    http({ name: "`GET /api/health` (Next, no app code)", url: `${base}/api/health`, ...app }),
    http({ name: "same answer, bare Node http", url: `${bare.url}/health`, ...reference }),
  ];
  const results = await runRounds(measurements, { rounds: config.rounds, quiet: QUIET });

  const counts = await checkMessageCounts(sql);
  console.info(counts);
  // The write cases updated chats now at the head of the list: their dead index entries
  // are what the first page walks past until a vacuum.
  plans.firstAfterWrites = (await explainList(sql, null)).summary;

  const section = report({ machine, seed, results, plans, counts });
  console.info(`\n${section}\n`);
  writeDocSection(config.doc, "api", section);
  writeDocMachine(config.doc, machine);
  console.info(`wrote the API section of ${config.doc}`);
}

/**
 * The API's cases on the embedded database: seeded through PGlite in a DATA_DIR of the
 * bench's own, which is then closed and handed to `next start` (one process may open it).
 */
async function mainEmbedded() {
  const machine = await machineInfo(null);
  console.info(`machine: ${describeMachine(machine)}`);
  await ensureNextBuild({ distDir: config.distDir, rebuild: config.rebuild });

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "skillmate-bench-embedded-"));
  cleanup.add("remove the data directory", () => rmSync(dataDir, { recursive: true, force: true }));
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrateDatabase } = await import("@/db/migrate");
  const { embeddedDbDir } = await import("@/db/client");
  const pg = await PGlite.create(embeddedDbDir(dataDir));
  await migrateDatabase({ kind: "pglite", db: drizzle(pg) });
  const seed = await seedDatabase({
    run: async (statement) => (await pg.query(statement)).affectedRows ?? 0,
    rows: async <T>(statement: string) => (await pg.query<T>(statement)).rows,
  });
  const chatIds = (
    await pg.query<{ id: string }>(
      `select id from chats_chat where user_id = '${BENCH_USER.id}' order by updated_at desc, id desc`,
    )
  ).rows.map((r) => r.id);
  const [deepRow] = (
    await pg.query<{ updated_at: Date; id: string }>(
      `select updated_at, id from chats_chat where user_id = '${BENCH_USER.id}'
       order by updated_at desc, id desc offset ${DEEP_ROW - 1} limit 1`,
    )
  ).rows;
  await pg.close();
  if (!deepRow) throw new Error("no deep row");

  const server = await startBenchServer({
    distDir: config.distDir,
    env: { DATA_DIR: dataDir, ...APP_ENV },
  });
  cleanup.add("stop server", server.stop);
  const cookie = await benchCookie();
  const headers = { cookie };
  const base = server.url;
  const detailId = chatIds[BENCH_CHATS / 2] as string;
  const writeIds = chatIds.slice(-WRITE_CHATS);
  const deepCursor = encodeCursor({ updatedAt: deepRow.updated_at, id: deepRow.id });
  await checkResponses(base, headers, detailId, writeIds[0] as string);

  const post = postCase(
    `\`POST /api/chats/<id>/message\` (${WRITE_CHATS} chats in turn)`,
    base,
    headers,
    writeIds,
  );
  const cases: LoadCase[] = [
    { name: "`GET /api/chats` (first page, 50)", url: `${base}/api/chats`, headers },
    {
      name: `\`GET /api/chats?cursor=…\` (after row ${DEEP_ROW.toLocaleString("en")}, 50)`,
      url: `${base}/api/chats?cursor=${deepCursor}`,
      headers,
    },
    {
      name: `\`GET /api/chats/<id>\` (${MESSAGES_PER_CHAT} messages)`,
      url: `${base}/api/chats/${detailId}`,
      headers,
    },
    post,
  ];
  const results = await runRounds(
    cases.map((c) => ({ name: c.name, run: () => runLoad(c, LOAD) })),
    { rounds: config.rounds, quiet: QUIET },
  );
  const n = (x: number) => x.toLocaleString("en", { maximumFractionDigits: 0 });
  const section = `## API on the embedded database (\`BENCH_EMBEDDED=1 npm run bench:api\`)

Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${describeMachine(machine)}.
The same cases as the API section, on PGlite (no \`DATABASE_URL\`): one user with
${n(BENCH_CHATS)} chats and ${n(OTHER_USERS)} other users with ${n(OTHER_CHATS)} chats, ${MESSAGES_PER_CHAT}
messages each (${n(seed.chats)} chats, ${n(seed.messages)} messages, seeded in ${seed.seconds.toFixed(0)} s),
${LOAD.connections} connections, best of ${config.rounds} rounds.

${markdownTable(
  ["case", "req/s", "p50 ms", "p99 ms", "req/s by round"],
  results.map(({ best, all }) => [
    best.name,
    n(best.reqPerSec),
    best.p50,
    best.p99,
    all.map((r) => n(r.reqPerSec)).join(" / "),
  ]),
)}
`;
  console.info(section);
  writeDocSection(config.doc, "api-embedded", section);
}

/** A single-message POST, to the given chats in turn. */
function postCase(
  name: string,
  base: string,
  headers: Record<string, string>,
  chatIds: string[],
): LoadCase {
  let turn = 0;
  return {
    name,
    url: `${base}/api/chats/${chatIds[0]}/message`,
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ message_type: "user", content: "bench" }),
    nextPath: () => `/api/chats/${chatIds[turn++ % chatIds.length]}/message`,
  };
}

// ---- seeding ----

type SeedStats = { seconds: number; chats: number; messages: number };

/** A database to seed: PostgreSQL through postgres.js, or the embedded one. */
type Exec = {
  /** Runs one statement; answers how many rows it wrote. */
  run(statement: string): Promise<number>;
  rows<T>(statement: string): Promise<T[]>;
};

function postgresExec(sql: postgres.Sql): Exec {
  return {
    run: async (statement) => (await sql.unsafe(statement)).count,
    rows: async <T>(statement: string) => (await sql.unsafe(statement)) as unknown as T[],
  };
}

async function seedDatabase(db: Exec): Promise<SeedStats> {
  const started = performance.now();
  const step = async (label: string, statement: string) => {
    const t = performance.now();
    const count = await db.run(statement);
    console.info(`  ${label}: ${count} rows, ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  console.info("seeding…");
  await db.run(
    `insert into users (id, name, email)
     values ('${BENCH_USER.id}', '${BENCH_USER.name}', '${BENCH_USER.email}')`,
  );
  await step(
    "other users",
    `insert into users (id, name, email)
     select 'user-' || g, 'User ' || g, 'user' || g || '@example.test'
     from generate_series(1, ${OTHER_USERS}) g`,
  );
  await step(`bench user: ${BENCH_CHATS} chats + messages`, benchUserChats(BENCH_CHATS));
  const perBatch = OTHER_CHATS / OTHER_BATCHES;
  for (let b = 0; b < OTHER_BATCHES; b++) {
    const from = b * perBatch + 1;
    await step(
      `other users: chats ${from}..${from + perBatch - 1} + messages`,
      `with c as (
         insert into chats_chat
           (user_id, title, title_is_custom, share_id, message_count, created_at, updated_at)
         select 'user-' || (g % ${OTHER_USERS} + 1), 'Chat ' || g, true, 'c-' || g,
           ${MESSAGES_PER_CHAT},
           date_trunc('second', now()) - g * interval '3 seconds' - interval '1 hour',
           date_trunc('second', now()) - g * interval '3 seconds'
         from generate_series(${from}, ${from + perBatch - 1}) g
         returning id, created_at
       ) ${messagesFrom("c")}`,
    );
  }
  // VACUUM as well as ANALYZE: otherwise autovacuum visits 2.2M fresh rows during the load.
  const analyzeStarted = performance.now();
  await db.run("vacuum (analyze)");
  console.info(`  vacuum analyze: ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s`);
  const [counts] = await db.rows<{ chats: number; messages: number }>(
    `select (select count(*)::int from chats_chat) as chats,
            (select count(*)::int from chats_chatmessage) as messages`,
  );
  const seconds = (performance.now() - started) / 1000;
  console.info(
    `seeded ${counts?.chats} chats, ${counts?.messages} messages in ${seconds.toFixed(1)} s`,
  );
  return { seconds, chats: counts?.chats ?? 0, messages: counts?.messages ?? 0 };
}

// ---- checks before the load ----

async function benchCookie(): Promise<string> {
  const { sessionSetCookie } = await import("@/lib/identity/session-token");
  const setCookie = await sessionSetCookie(BENCH_USER);
  return setCookie.split(";")[0] as string;
}

/**
 * Pages through the API (limit 100) to row DEEP_ROW and checks that its next_cursor is the
 * one built from the database: the benchmark then uses a cursor a real client would hold.
 */
async function checkDeepCursor(base: string, cookie: string, sql: postgres.Sql) {
  let cursor: string | null = null;
  for (let page = 0; page < DEEP_ROW / 100; page++) {
    const url = `${base}/api/chats?limit=100${cursor ? `&cursor=${cursor}` : ""}`;
    const response = await fetch(url, { headers: { cookie } });
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { results: unknown[]; next_cursor: string | null };
    if (body.results.length !== 100 || !body.next_cursor) throw new Error(`short page ${page}`);
    cursor = body.next_cursor;
  }
  const [row] = await sql<{ updated_at: Date; id: string }[]>`
    select updated_at, id from chats_chat where user_id = ${BENCH_USER.id}
    order by updated_at desc, id desc offset ${DEEP_ROW - 1} limit 1`;
  if (!row || !cursor) throw new Error("no deep row");
  const built = encodeCursor({ updatedAt: row.updated_at, id: row.id });
  if (built !== cursor) throw new Error(`cursor mismatch: API ${cursor}, built ${built}`);
  console.info(`deep cursor after row ${DEEP_ROW}: ${cursor} (API paging and the database agree)`);
  return cursor;
}

type Explained = { plan: string; ms: number; summary: string };

type Plans = {
  first: Explained;
  deep: Explained;
  /** The deep plan's scan node and index condition: a seek to the cursor, or not. */
  deepScan: string;
  firstAfterWrites?: string;
};

/** EXPLAIN (ANALYZE, BUFFERS) of the list query as the app sends it, run twice (warm). */
async function explainList(sql: postgres.Sql, cursor: string | null): Promise<Explained> {
  const [iso, id] = cursor
    ? (JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string])
    : [null, null];
  const once = async () => {
    const rows = await sql<{ "QUERY PLAN": string }[]>`
      explain (analyze, buffers)
      select * from chats_chat
      where user_id = ${BENCH_USER.id} and is_archived = false
        ${iso ? sql`and (updated_at, id) < (${iso}::timestamptz, ${id}::uuid)` : sql``}
      order by updated_at desc, id desc limit 51`;
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  };
  await once();
  const plan = await once();
  const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN);
  const buffers = /Buffers: ([^\n]+)/.exec(plan)?.[1] ?? "no buffer line";
  return { plan, ms, summary: `${ms} ms, ${buffers.trim()}` };
}

async function explainListQueries(sql: postgres.Sql, cursor: string): Promise<Plans> {
  const first = await explainList(sql, null);
  const deep = await explainList(sql, cursor);
  console.info(`EXPLAIN ANALYZE, first page: ${first.summary}\n${first.plan}`);
  console.info(`EXPLAIN ANALYZE, deep cursor: ${deep.summary}\n${deep.plan}`);
  const deepScan = deep.plan
    .split("\n")
    .filter((line) => /Scan|Index Cond|Filter/.test(line))
    .map((line) => line.replace(/^[\s->]+/, "").replace(/\s+\(cost=.*$/, ""))
    .join("; ");
  return { first, deep, deepScan };
}

/** One request per case, checked, so that the load measures working responses. */
async function checkResponses(
  base: string,
  headers: Record<string, string>,
  detailId: string,
  writeId: string,
) {
  const list = await fetch(`${base}/api/chats`, { headers });
  const listBody = (await list.json()) as { results: unknown[] };
  if (list.status !== 200 || listBody.results.length !== 50) {
    throw new Error(`list: ${list.status}, ${listBody.results?.length} results`);
  }
  const detail = await fetch(`${base}/api/chats/${detailId}`, { headers });
  const detailBody = (await detail.json()) as { messages: unknown[] };
  if (detail.status !== 200 || detailBody.messages.length !== MESSAGES_PER_CHAT) {
    throw new Error(`detail: ${detail.status}, ${detailBody.messages?.length} messages`);
  }
  const post = await fetch(`${base}/api/chats/${writeId}/message`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ message_type: "user", content: "bench" }),
  });
  if (post.status !== 201) throw new Error(`post: ${post.status} ${await post.text()}`);
  console.info(
    `checked: list ${JSON.stringify(listBody).length} B, detail ${JSON.stringify(detailBody).length} B, post 201`,
  );
}

// ---- the same writes without the app ----

/**
 * The statement appendMessages sends for one message (lib: appendStatement, compiled as
 * drizzle compiles it), prepared, over the same chats as the API case.
 */
async function directInsert(sql: postgres.Sql, chatIds: string[]) {
  const { appendStatement } = await import("@/db/queries/chats");
  const dialect = new PgDialect();
  // As drizzle sets up the app's client: JSON parameters go as the text drizzle made.
  for (const type of [114, 3802]) sql.options.serializers[type] = (x: unknown) => x;
  let turn = 0;
  return async () => {
    const chatId = chatIds[turn++ % chatIds.length] as string;
    const { statement } = appendStatement(chatId, { userId: BENCH_USER.id }, [
      { messageType: "user", content: "bench" },
    ]);
    const query = dialect.sqlToQuery(statement);
    const [row] = await sql.unsafe(query.sql, query.params as postgres.ParameterOrJSON<never>[], {
      prepare: true,
    });
    if (!row?.found) throw new Error("chat not found");
  };
}

/**
 * The reference must answer what the API answers, field for field (its share_url's host
 * aside): a lighter body would make the API look slower than it is.
 */
async function checkSameJson(
  base: string,
  headers: Record<string, string>,
  bareUrl: string,
  detailId: string,
) {
  const shape = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.slice(0, 1).map(shape)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value)
              .map(([k, v]) => [k, shape(v)])
              .sort(),
          )
        : typeof value;
  for (const [path, barePath] of [
    ["/api/chats", "/list"],
    [`/api/chats/${detailId}`, `/detail/${detailId}`],
  ] as const) {
    const [app, reference] = await Promise.all([
      fetch(`${base}${path}`, { headers }).then((r) => r.json()),
      fetch(`${bareUrl}${barePath}`).then((r) => r.json()),
    ]);
    const [a, b] = [JSON.stringify(shape(app)), JSON.stringify(shape(reference))];
    if (a !== b)
      throw new Error(`the bare server's ${barePath} is not the API's ${path}:\n${a}\n${b}`);
  }
}

/** scripts/bench/bare-api.cjs on a free port, as the bench user. */
async function startBareApi(url: string) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["scripts/bench/bare-api.cjs", String(port), url, BENCH_USER.id],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve) => child.stdout?.once("data", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    stop: () => {
      child.kill();
    },
  };
}

/** Every write kept message_count right: the concurrency check the numbers rest on. */
async function checkMessageCounts(sql: postgres.Sql) {
  const [row] = await sql<{ counted: number; stored: number }[]>`
    select (select sum(message_count)::int from chats_chat where user_id = ${BENCH_USER.id}) as counted,
           (select count(*)::int from chats_chatmessage m join chats_chat c on c.id = m.chat_id
            where c.user_id = ${BENCH_USER.id}) as stored`;
  if (!row || row.counted !== row.stored) {
    throw new Error(`message_count drifted: ${JSON.stringify(row)}`);
  }
  return `bench user's message_count totals match their ${row.stored} stored messages`;
}

// ---- report ----

function report({
  machine,
  seed,
  results,
  plans,
  counts,
}: {
  machine: Awaited<ReturnType<typeof machineInfo>>;
  seed: SeedStats;
  results: RoundsResult[];
  plans: Plans;
  counts: string;
}): string {
  const n = (x: number, digits = 0) =>
    x.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const ms = (x: number) => n(x, x < 10 ? 1 : 0);
  const row = ({ best, all }: RoundsResult) => [
    best.name,
    n(best.reqPerSec),
    ms(best.p50),
    ms(best.p99),
    best.cpuMsPerRequest === undefined ? "" : n(best.cpuMsPerRequest, 2),
    n(all.reduce((sum, r) => sum + r.unexpected + r.errors, 0)),
    all.map((r) => n(r.reqPerSec)).join(" / "),
    all.map((r) => r.loadBefore.toFixed(1)).join(" / "),
  ];
  const head = [
    "case",
    "req/s",
    "p50 ms",
    "p99 ms",
    "CPU ms/req",
    "failed",
    "req/s by round",
    "load avg",
  ];
  const [
    first,
    bareList,
    deep,
    detail,
    bareDetail,
    post,
    direct,
    post50,
    noSession,
    session,
    health,
    bareHealth,
  ] = results.map((r) => r.best);
  if (
    !first ||
    !bareList ||
    !deep ||
    !detail ||
    !bareDetail ||
    !post ||
    !direct ||
    !post50 ||
    !noSession ||
    !session ||
    !health ||
    !bareHealth
  ) {
    throw new Error("missing results");
  }
  const ratio = (a: LoadResult, b: LoadResult) => n(a.reqPerSec / b.reqPerSec, 2);
  const cpu = (r: LoadResult) => n(r.cpuMsPerRequest ?? 0, 2);
  const deepSlow = deep.p50 > 2 * first.p50 && deep.p50 - first.p50 > 2;
  // On this machine a difference only means something if it is larger than the spread
  // between rounds of the same case.
  const [firstRounds, , deepRounds] = results.map((r) => r.all.map((x) => x.reqPerSec));
  const within = (x: number, rounds: number[] = []) =>
    x >= Math.min(...rounds) && x <= Math.max(...rounds);
  const deepLikeFirst = within(deep.reqPerSec, firstRounds) || within(first.reqPerSec, deepRounds);
  return `## API (\`npm run bench:api\`)

Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${describeMachine(machine)}.
Shared machine: the load generator (autocannon, in the script's process) runs on the same
2 cores as \`next start\` and PostgreSQL, while other builds and tests may be running.
Every case runs in each of ${config.rounds} rounds (rounds one after another, the order of
cases rotated each round, each round after a wait of at most ${QUIET.maxWaitSec} s for a
1-minute load average under ${QUIET.maxLoad}); others' load only slows a run down, so the
table gives the best round, then every round's req/s and the load average before it (the
benchmark's own previous case still weighs in it). "failed": responses
other than the expected status (2xx; 404 for the reference rows) and socket errors, over
all rounds.

Data: one user with ${n(BENCH_CHATS)} chats and ${n(OTHER_USERS)} other users with
${n(OTHER_CHATS)} chats, ${MESSAGES_PER_CHAT} messages each: ${n(seed.chats)} chats and
${n(seed.messages)} messages, seeded with \`insert … select … generate_series\` in
${n(seed.seconds, 1)} s (indexes in place, then VACUUM ANALYZE). Each chat's messages are
seeded together, so they sit in neighbouring heap pages: friendlier to the detail read than
a real table where conversations interleave.

Load: autocannon, ${LOAD.connections} connections (the size of the app's database pool),
${LOAD.durationSec} s per case after a ${LOAD.warmupSec} s warm-up, as the bench user
(Auth.js session cookie), \`RATE_LIMITS=off\`. The detail case reads one
chat over and over (hot cache). The POST case sends \`{"message_type":"user","content":"bench"}\`
with no id (every request inserts) to ${WRITE_CHATS} chats in turn, so that writers rarely
wait on one chat's row lock, at ${LOAD.connections} and at ${POST_CONNECTIONS} connections. The
postgres.js row runs the one statement \`appendMessages\` sends (\`appendStatement\`: lock,
insert, count and title in one CTE), prepared, from ${LOAD.connections} concurrent workers on
the same chats. The "bare Node http" rows are \`scripts/bench/bare-api.cjs\`: the same
queries through postgres.js (prepared, a pool of 10) and the same JSON, in a plain Node
\`http\` server with no framework, session or validation. "CPU ms/req": the CPU time
(user and system) the serving process spent per request during the best round, read from
\`/proc\`; for the postgres.js row, the script's own process (driver and loop). Others' load
lowers req/s far more than it changes this, and it leaves out PostgreSQL's own CPU.

${markdownTable(head, results.slice(0, 8).map(row))}

What the session costs, and what Next itself costs, from the same servers:

${markdownTable(head, results.slice(8).map(row))}

Goals (issue 13), as ratios within this run:

| goal | measured | met |
| --- | --- | --- |
| POST ≥ 0.5 of the bare statement | ${ratio(post, direct)} | ${post.reqPerSec >= 0.5 * direct.reqPerSec ? "yes" : "no"} |
| POST p99 ≤ 50 ms at ${POST_CONNECTIONS} connections | ${ms(post50.p99)} ms | ${post50.p99 <= 50 ? "yes" : "no"} |
| first page ≥ 0.5 of bare Node | ${ratio(first, bareList)} | ${first.reqPerSec >= 0.5 * bareList.reqPerSec ? "yes" : "no"} |
| detail ≥ 0.5 of bare Node | ${ratio(detail, bareDetail)} | ${detail.reqPerSec >= 0.5 * bareDetail.reqPerSec ? "yes" : "no"} |
| a session costs ≤ 10 % more (404, no query) | ${n((noSession.reqPerSec / session.reqPerSec - 1) * 100)} % | ${noSession.reqPerSec <= 1.1 * session.reqPerSec ? "yes" : "no"} |

The ceiling Next sets in this run: \`/api/health\`, a route that runs none of the app's code,
serves ${n(health.reqPerSec)} req/s at ${cpu(health)} ms of CPU a request (the bare server
answering the same bytes: ${n(bareHealth.reqPerSec)} req/s, ${cpu(bareHealth)} ms). No route of
the app can be faster than that route: it is ${ratio(health, bareList)} of the bare first page,
${ratio(health, bareDetail)} of the bare detail and ${ratio(health, direct)} of the bare statement,
so those ratios are the most the goals above could measure on this machine.

- Writes: the API's single-message POST does ${n(post.reqPerSec)} req/s, the same
  statement straight from postgres.js ${n(direct.reqPerSec)}/s. The rest is Next and the app
  (routing, session, validation, JSON), competing for the same 2 cores with the load
  generator and PostgreSQL. After the run the ${counts}.
- Where the CPU goes, per request: Next alone ${cpu(health)} ms (\`/api/health\`); the
  first page ${cpu(first)} ms (bare ${cpu(bareList)}), the detail ${cpu(detail)} ms (bare
  ${cpu(bareDetail)}), the POST ${cpu(post)} ms.
- Where a read's time goes: a 404 that needs no query serves ${n(noSession.reqPerSec)} req/s
  without a session and ${n(session.reqPerSec)} with one. The first page (session, one indexed
  query, 50 chats of JSON) serves ${n(first.reqPerSec)} req/s, the bare server
  ${n(bareList.reqPerSec)}.
- Deep cursor vs first page: EXPLAIN ANALYZE of the list query before the load:
  ${plans.first.summary} for the first page, ${plans.deep.summary} after row ${n(DEEP_ROW)}
  (\`${plans.deepScan}\`). After the write cases, whose chats are now at the head of the
  list with their old index entries still there: ${plans.firstAfterWrites ?? "not measured"}.
  Over HTTP the deep page ${
    deepSlow
      ? `is much slower (p50 ${ms(deep.p50)} vs ${ms(first.p50)} ms); its plan:\n\n\`\`\`\n${plans.deep.plan}\n\`\`\``
      : `does ${n(deep.reqPerSec)} req/s (p50 ${ms(deep.p50)} ms) and the first page ${n(first.reqPerSec)} (p50 ${ms(first.p50)} ms)${
          deepLikeFirst
            ? ": the difference is smaller than the spread between rounds of one case, so it does not show through this machine's noise."
            : "."
        }`
  }
`;
}
