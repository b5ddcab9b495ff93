// npm run bench:export — whether exporting every chat of an account (GET
// /api/account/export/, NDJSON) keeps the server's memory flat as the account grows: users
// with 1,000, 10,000 and 50,000 chats (4 messages each) on a scratch PostgreSQL database,
// each export streamed through the real route handler in this process while
// process.memoryUsage() is sampled. Writes the "Export" section of docs/benchmarks.md.
// Not a test: nothing here passes or fails on a number.
import v8 from "node:v8";
import vm from "node:vm";
import type postgres from "postgres";
import { createScratchDatabase } from "../tests/support/scratch-database";
import { AUTH_SECRET, config } from "./bench/api-config";
import { Cleanup } from "./bench/cleanup";
import { markdownTable, writeDocSection } from "./bench/docs";
import { describeMachine, machineInfo } from "./bench/machine";

const USERS = [
  { id: "export-1k", chats: 1_000 },
  { id: "export-10k", chats: 10_000 },
  { id: "export-50k", chats: 50_000 },
] as const;
const MESSAGES_PER_CHAT = 4;
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const SAMPLE_EVERY_MS = 5;
// In the run that measures what stays live, a full collection every this many chunks
// (a chunk is a batch); the other runs collect only as V8 decides, and are timed.
const COLLECT_EVERY_CHUNKS = 5;

// A collection before each baseline, so that garbage left by the previous run is not
// counted against (or for) the next one.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const cleanup = new Cleanup();
await cleanup.around(main);

type Run = {
  chats: number;
  lines: number;
  bytes: number;
  seconds: number;
  /** Peak heapUsed over the baseline: what is live, and garbage not collected yet. */
  heapGrowth: number;
  rssGrowth: number;
  /** Peak heapUsed over the baseline right after forced collections: what is live. */
  retainedGrowth: number;
};

async function main() {
  const machine = await machineInfo(config.adminUrl);
  console.info(`machine: ${describeMachine(machine)}`);
  // Not migrated here: the app's own client migrates it on first use, and lib/env must
  // read DATABASE_URL before anything else reads the environment.
  const db = await createScratchDatabase({
    adminUrl: config.adminUrl,
    prefix: "skillmate_export",
    log: console.info,
  });
  cleanup.add("drop database", db.drop);
  process.env.DATABASE_URL = db.url;
  process.env.AUTH_SECRET = AUTH_SECRET;
  const { closeDb, getDb } = await import("@/db/client");
  await getDb();
  cleanup.add("close the app's pool", closeDb);
  const { default: postgresClient } = await import("postgres");
  const sql = postgresClient(db.url, { max: 2, onnotice: () => {} });
  cleanup.add("close pool", () => sql.end());

  const seedSeconds = await seed(sql);
  const { GET } = await import("@/app/api/account/export/route");
  const { sessionSetCookie } = await import("@/lib/identity/session-token");
  const { EXPORT_BATCH_SIZE, EXPORT_MESSAGE_BUDGET } = await import("@/lib/chats/export-stream");

  const cookies = new Map<string, string>();
  for (const user of USERS) {
    const setCookie = await sessionSetCookie({
      id: user.id,
      name: user.id,
      email: `${user.id}@example.test`,
    });
    cookies.set(user.id, setCookie.split(";")[0] as string);
  }
  const exportAs = (userId: string) =>
    GET(
      new Request("http://localhost:3000/api/account/export/", {
        headers: { cookie: cookies.get(userId) as string },
      }),
      { params: Promise.resolve({}) },
    );

  // Warm-up: the code paths compiled, the pool's connections open.
  await measure(() => exportAs(USERS[0].id), USERS[0].chats);

  const rows: (string | number)[][] = [];
  const best: Record<string, Run> = {};
  for (const user of USERS) {
    const runs: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const run = await measure(() => exportAs(user.id), user.chats);
      console.info(
        `${user.chats} chats, round ${round + 1}: heap +${mb(run.heapGrowth)} MB, rss +${mb(run.rssGrowth)} MB, ${Math.round(run.chats / run.seconds)} chats/s`,
      );
      runs.push(run);
    }
    const retained = await measure(() => exportAs(user.id), user.chats, { collect: true });
    const peakHeap = Math.max(...runs.map((r) => r.heapGrowth));
    const peakRss = Math.max(...runs.map((r) => r.rssGrowth));
    const fastest = runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
    best[user.id] = {
      ...fastest,
      heapGrowth: peakHeap,
      rssGrowth: peakRss,
      retainedGrowth: retained.retainedGrowth,
    };
    rows.push([
      user.chats.toLocaleString("en"),
      (user.chats * MESSAGES_PER_CHAT).toLocaleString("en"),
      `${mb(fastest.bytes)} MB`,
      `${mb(retained.retainedGrowth)} MB`,
      `${mb(peakHeap)} MB`,
      `${mb(peakRss)} MB`,
      runs.map((r) => mb(r.heapGrowth)).join(" / "),
      Math.round(fastest.chats / fastest.seconds).toLocaleString("en"),
      (fastest.bytes / 1e6 / fastest.seconds).toFixed(1),
      fastest.seconds.toFixed(2),
    ]);
  }

  // For contrast: the largest export held whole, as a client that buffers would.
  const big = USERS[2];
  const buffered = await measure(() => exportAs(big.id), big.chats, {
    buffer: true,
    collect: true,
  });
  const small = best[USERS[0].id] as Run;
  const large = best[USERS[1].id] as Run;
  const huge = best[big.id] as Run;
  const plans = await explain(sql, USERS[1].id);

  const section = `## Export (\`npm run bench:export\`)

Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${describeMachine(machine)}.
\`GET /api/account/export/\` (NDJSON) for users with ${USERS.map((u) => u.chats.toLocaleString("en")).join(", ")} chats, ${MESSAGES_PER_CHAT} messages
each (a short question and a ~1 KB answer; seeded with \`generate_series\` in ${seedSeconds.toFixed(0)} s), streamed
through the route handler in the benchmark's own process on PostgreSQL, the body read and thrown
away chunk by chunk as a download would. Batches of ${EXPORT_BATCH_SIZE} chats (at most ${EXPORT_MESSAGE_BUDGET.toLocaleString("en")} messages).
\`process.memoryUsage()\` sampled every ${SAMPLE_EVERY_MS} ms and at every chunk (a batch); growth is the
peak minus the value after a full collection just before the export. *Peak* heap and RSS growth:
the worst of ${ROUNDS} timed rounds (after a warm-up), V8 collecting when it sees fit, so they include
garbage not collected yet; throughput from the fastest. *Live* heap growth: one more round with a
full collection every ${COLLECT_EVERY_CHUNKS} chunks, sampled right after each: what the export keeps.

${markdownTable(
  [
    "chats",
    "messages",
    "NDJSON",
    "live heap growth",
    "peak heap growth",
    "peak RSS growth",
    "heap growth by round",
    "chats/s",
    "MB/s",
    "seconds",
  ],
  rows,
)}

From 1,000 to 10,000 chats (${(large.bytes / small.bytes).toFixed(1)}× the bytes), live heap growth ${mb(small.retainedGrowth)} → ${mb(large.retainedGrowth)} MB; at
${huge.chats.toLocaleString("en")} chats (${(huge.bytes / small.bytes).toFixed(0)}×), ${mb(huge.retainedGrowth)} MB: what the export keeps is one batch, whatever the account's
size. Peak heap growth (${[small, large, huge].map((r) => mb(r.heapGrowth)).join(" → ")} MB) is the garbage of earlier batches that V8 has not
collected yet: it sizes its young and old generations by the allocation rate, not by the account,
and a full collection frees all of it (the live column). For contrast, the ${huge.chats.toLocaleString("en")}-chat export
read whole into one string (\`response.text()\`, as a buffering client, or a handler that builds
the file in memory, would hold it): live heap +${mb(buffered.retainedGrowth)} MB, peak heap +${mb(buffered.heapGrowth)} MB, RSS +${mb(buffered.rssGrowth)} MB.

A batch's two statements for the 10,000-chat user, after a cursor halfway down, EXPLAIN (ANALYZE), warm:

${markdownTable(["statement", "plan", "execution"], plans)}
`;
  console.info(section);
  writeDocSection(config.doc, "export", section);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** One export read to its end, with the process's memory sampled throughout. */
async function measure(
  request: () => Promise<Response>,
  expectedChats: number,
  { buffer = false, collect = false } = {},
): Promise<Run> {
  gc();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  let retained = 0;
  let chunks = 0;
  const collected = () => {
    gc();
    retained = Math.max(retained, process.memoryUsage().heapUsed - base.heapUsed);
  };
  const sample = () => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  const started = performance.now();
  let lines = 0;
  let bytes = 0;
  let tail = "";
  try {
    const response = await request();
    if (response.status !== 200 || !response.body) {
      throw new Error(`export answered ${response.status}: ${await response.text()}`);
    }
    if (buffer) {
      const text = await response.text();
      sample();
      if (collect) collected();
      bytes = Buffer.byteLength(text);
      lines = text.split("\n").length - 1;
      tail = text.slice(-200);
    } else {
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        const chunk = read.value;
        sample();
        chunks += 1;
        if (collect && chunks % COLLECT_EVERY_CHUNKS === 0) collected();
        bytes += chunk.byteLength;
        for (const byte of chunk) if (byte === 10) lines += 1;
        tail = (tail + decoder.decode(chunk, { stream: true })).slice(-200);
      }
    }
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - started) / 1000;
  // The end line says how many chats the server wrote: all of them, or the run is void.
  const end = JSON.parse(tail.trimEnd().split("\n").at(-1) ?? "{}") as { chats?: number };
  if (end.chats !== expectedChats || lines !== expectedChats + 2) {
    throw new Error(`expected ${expectedChats} chats, got ${end.chats} (${lines} lines)`);
  }
  return {
    chats: expectedChats,
    lines,
    bytes,
    seconds,
    heapGrowth: peakHeap - base.heapUsed,
    rssGrowth: peakRss - base.rss,
    retainedGrowth: retained,
  };
}

async function seed(sql: postgres.Sql): Promise<number> {
  const started = performance.now();
  for (const user of USERS) {
    await sql`insert into users (id, name, email)
      values (${user.id}, ${user.id}, ${`${user.id}@example.test`})`;
    await sql`
      insert into chats_chat
        (user_id, title, title_is_custom, share_id, message_count, created_at, updated_at)
      select ${user.id}, 'Chat ' || g || ' about learning', true, md5(${user.id} || g),
        ${MESSAGES_PER_CHAT},
        date_trunc('second', now()) - g * interval '7 seconds' - interval '1 hour',
        date_trunc('second', now()) - g * interval '7 seconds'
      from generate_series(1, ${user.chats}) g`;
    await sql`
      insert into chats_chatmessage (chat_id, message_type, content, is_error, created_at)
      select c.id,
        case when m % 2 = 1 then 'user' else 'assistant' end,
        case when m % 2 = 1
          then 'Question ' || m || ': how do I get better at ' || c.title || '?'
          else 'Answer ' || m || E':\n\n' || repeat('Practice a little every day, and write down what you learn. ', 17)
        end,
        false,
        c.created_at + m * interval '1 second'
      from chats_chat c cross join generate_series(1, ${MESSAGES_PER_CHAT}) m
      where c.user_id = ${user.id}
      order by c.id, m`;
    console.info(`  ${user.id}: ${user.chats} chats`);
  }
  await sql`vacuum (analyze)`;
  const seconds = (performance.now() - started) / 1000;
  console.info(`seeded in ${seconds.toFixed(1)} s`);
  return seconds;
}

/** The plans of a batch's two statements, as the export sends them, halfway down. */
async function explain(sql: postgres.Sql, userId: string) {
  const [middle] = await sql<{ updated_at: Date; id: string }[]>`
    select updated_at, id from chats_chat where user_id = ${userId}
    order by updated_at, id offset 5000 limit 1`;
  if (!middle) throw new Error("no chat halfway down");
  const batch = await sql<{ id: string }[]>`
    select id from chats_chat where user_id = ${userId}
      and (updated_at, id) > (${middle.updated_at}, ${middle.id})
    order by updated_at, id limit 100`;
  const ids = batch.map((row) => row.id);
  const statements: [string, () => Promise<{ "QUERY PLAN": string }[]>][] = [
    [
      "chats after the cursor (limit 101)",
      () => sql`explain (analyze)
        select id, title, created_at, updated_at, message_count from chats_chat
        where user_id = ${userId} and (updated_at, id) > (${middle.updated_at}, ${middle.id})
        order by updated_at, id limit 101`,
    ],
    [
      "their messages (100 chats)",
      () => sql`explain (analyze)
        select id, chat_id, message_type, content, is_error, created_at from chats_chatmessage
        where chat_id in ${sql(ids)}
        order by chat_id, created_at, seq`,
    ],
  ];
  const rows: string[][] = [];
  for (const [name, run] of statements) {
    let plan = "";
    for (let i = 0; i < 2; i++) plan = (await run()).map((r) => r["QUERY PLAN"]).join("\n");
    const scan =
      /(Index Scan[^(]*|Index Only Scan[^(]*|Seq Scan[^(]*|Bitmap[^(]*)/.exec(plan)?.[1] ?? "?";
    const ms = /Execution Time: ([\d.]+ ms)/.exec(plan)?.[1] ?? "?";
    rows.push([name, `\`${scan.trim()}\``, ms]);
  }
  return rows;
}
