// npm run bench:scale — whether listing chats stays flat as one user's history grows: the
// first page and a page deep in the list, for a user with 10,000 chats and one with
// 1,000,000 (beside 100,000 chats of 1,000 other users), over HTTP and as query plans.
// Writes the "Scale" section of docs/benchmarks.md. Not a test: nothing here passes or
// fails on a number.
import type postgres from "postgres";
import { encodeCursor } from "@/lib/chats/cursor";
import { APP_ENV, config, LOAD, QUIET } from "./bench/api-config";
import { ensureNextBuild } from "./bench/build";
import { Cleanup } from "./bench/cleanup";
import { markdownTable, writeDocSection } from "./bench/docs";
import { runLoad } from "./bench/load";
import { describeMachine, machineInfo } from "./bench/machine";
import { type Measurement, runRounds } from "./bench/rounds";
import { scratchPostgres } from "./bench/scratch";
import { startBenchServer } from "./bench/server";

// Each user's chats, and how deep the deep page starts (nine tenths of the way down).
const USERS = [
  { id: "scale-10k", chats: 10_000 },
  { id: "scale-1m", chats: 1_000_000 },
] as const;
const OTHER_USERS = 1_000;
const OTHER_CHATS = 100_000;

const cleanup = new Cleanup();
await cleanup.around(main);

async function main() {
  const machine = await machineInfo(config.adminUrl);
  console.info(`machine: ${describeMachine(machine)}`);
  await ensureNextBuild({ distDir: config.distDir, rebuild: config.rebuild });
  const { db, sql } = await scratchPostgres(cleanup, {
    adminUrl: config.adminUrl,
    prefix: "skillmate_scale",
    max: 4,
  });

  const seedSeconds = await seed(sql);
  const server = await startBenchServer({
    distDir: config.distDir,
    env: { DATABASE_URL: db.url, ...APP_ENV },
  });
  cleanup.add("stop server", server.stop);

  const { sessionSetCookie } = await import("@/lib/identity/session-token");
  const measurements: Measurement[] = [];
  const plans: string[][] = [];
  for (const user of USERS) {
    const cookie = (
      await sessionSetCookie({ id: user.id, name: user.id, email: `${user.id}@example.test` })
    ).split(";")[0] as string;
    const deepRow = (user.chats * 9) / 10;
    const cursor = await cursorAfter(sql, user.id, deepRow);
    const label = user.chats.toLocaleString("en");
    for (const [page, query] of [
      ["first page", ""],
      [`after row ${deepRow.toLocaleString("en")}`, `?cursor=${cursor}`],
    ] as const) {
      const url = `${server.url}/api/chats${query}`;
      const check = await fetch(url, { headers: { cookie } });
      const body = (await check.json()) as { results: unknown[] };
      if (check.status !== 200 || body.results.length !== 50)
        throw new Error(`${url}: ${check.status}, ${body.results?.length} results`);
      measurements.push({
        name: `${label} chats, ${page}`,
        run: () => runLoad({ name: `${label} ${page}`, url, headers: { cookie } }, LOAD),
      });
      plans.push([
        `${label} chats, ${page}`,
        ...(await explain(sql, user.id, query ? cursor : null)),
      ]);
    }
  }
  const results = await runRounds(measurements, { rounds: config.rounds, quiet: QUIET });
  const p50 = results.map((r) => r.best.p50);
  const [small, smallDeep, big, bigDeep] = p50 as [number, number, number, number];
  const rows = results.map(({ best, all }) => [
    best.name,
    Math.round(best.reqPerSec),
    best.p50,
    best.p99,
    all.map((r) => Math.round(r.reqPerSec)).join(" / "),
  ]);
  const section = `## Scale (\`npm run bench:scale\`)

Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${describeMachine(machine)}.
One user with 10,000 chats, one with 1,000,000, and ${OTHER_USERS.toLocaleString("en")} other users with
${OTHER_CHATS.toLocaleString("en")} chats beside them (${(1_110_000).toLocaleString("en")} chats, seeded with
\`generate_series\` in ${seedSeconds.toFixed(0)} s; chats only: the list reads no messages). \`GET /api/chats\`
as each user, through \`next start\` on PostgreSQL, autocannon at ${LOAD.connections} connections for
${LOAD.durationSec} s after ${LOAD.warmupSec} s, best of ${config.rounds} rounds; the deep page starts at the
cursor a client holds after nine tenths of the list.

${markdownTable(["case", "req/s", "p50 ms", "p99 ms", "req/s by round"], rows)}

p50 at 1,000,000 ÷ p50 at 10,000: first page ${(big / small).toFixed(2)}, deep page ${(bigDeep / smallDeep).toFixed(2)} (goal ≤ 1.3).

The list query as the app sends it, EXPLAIN (ANALYZE, BUFFERS), warm:

${markdownTable(["case", "plan", "execution", "buffers"], plans)}
`;
  console.info(section);
  writeDocSection(config.doc, "scale", section);
}

async function seed(sql: postgres.Sql): Promise<number> {
  const started = performance.now();
  const chatsOf = (owner: string, from: number, to: number, step: string) =>
    sql.unsafe(`
      insert into chats_chat
        (user_id, title, title_is_custom, share_id, message_count, created_at, updated_at)
      select ${owner}, 'Chat ' || g, true, md5(${owner} || g), 0,
        date_trunc('second', now()) - g * interval '${step}' - interval '1 hour',
        date_trunc('second', now()) - g * interval '${step}'
      from generate_series(${from}, ${to}) g`);
  await sql`insert into users (id, name, email)
    select 'other-' || g, 'Other ' || g, 'other' || g || '@example.test'
    from generate_series(1, ${OTHER_USERS}) g`;
  for (const user of USERS) {
    await sql`insert into users (id, name, email) values (${user.id}, ${user.id}, ${`${user.id}@example.test`})`;
    // In batches of 250,000: one statement's memory stays small.
    for (let from = 1; from <= user.chats; from += 250_000) {
      const to = Math.min(user.chats, from + 249_999);
      await chatsOf(`'${user.id}'`, from, to, "7 seconds");
      console.info(`  ${user.id}: ${to} chats`);
    }
  }
  await chatsOf(`'other-' || (g % ${OTHER_USERS} + 1)`, 1, OTHER_CHATS, "3 seconds");
  await sql`vacuum (analyze)`;
  const seconds = (performance.now() - started) / 1000;
  console.info(`seeded in ${seconds.toFixed(1)} s`);
  return seconds;
}

/** The cursor a client holds after `row` rows of the user's list. */
async function cursorAfter(sql: postgres.Sql, userId: string, row: number): Promise<string> {
  const [last] = await sql<{ updated_at: Date; id: string }[]>`
    select updated_at, id from chats_chat where user_id = ${userId}
    order by updated_at desc, id desc offset ${row - 1} limit 1`;
  if (!last) throw new Error(`no row ${row} for ${userId}`);
  return encodeCursor({ updatedAt: last.updated_at, id: last.id });
}

/** The scan, execution time and buffers of the list query (run twice: warm). */
async function explain(sql: postgres.Sql, userId: string, cursor: string | null) {
  const [iso, id] = cursor
    ? (JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string])
    : [null, null];
  let plan = "";
  for (let i = 0; i < 2; i++) {
    const rows = await sql<{ "QUERY PLAN": string }[]>`
      explain (analyze, buffers)
      select * from chats_chat
      where user_id = ${userId} and is_archived = false
        ${iso ? sql`and (updated_at, id) < (${iso}::timestamptz, ${id}::uuid)` : sql``}
      order by updated_at desc, id desc limit 51`;
    plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
  }
  const scan =
    /(Index Scan[^(]*|Index Only Scan[^(]*|Seq Scan[^(]*|Bitmap[^(]*)/.exec(plan)?.[1] ?? "?";
  const ms = /Execution Time: ([\d.]+ ms)/.exec(plan)?.[1] ?? "?";
  const buffers = /Buffers: ([^\n]+)/.exec(plan)?.[1]?.trim() ?? "?";
  return [`\`${scan.trim()}\``, ms, buffers];
}
