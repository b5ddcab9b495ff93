// npm run bench:search — how long GET /api/chats/search/ takes for one user with 10,000
// chats among 100,000 chats holding 2,000,000 messages. Seeds a scratch PostgreSQL
// database with generate_series (text drawn from a Zipf-like vocabulary, so that words
// range from very common to rare), then times the search itself (searchChats, the query
// the route runs, and its snippets) for a mix of queries, sequentially, warm. Writes the
// "Search" section of docs/benchmarks.md. Not a test: nothing passes or fails on a number.
import { execFileSync } from "node:child_process";
import type postgres from "postgres";
import { config } from "./bench/api-config";
import { Cleanup } from "./bench/cleanup";
import { markdownTable, writeDocSection } from "./bench/docs";
import { describeMachine, machineInfo } from "./bench/machine";
import { scratchPostgres } from "./bench/scratch";

const USER = { id: "search-user", chats: 10_000 };
const OTHER_USERS = 900;
const ALL_CHATS = 100_000;
const MESSAGES_PER_CHAT = 20;
const VOCABULARY = 20_000;
const RUNS = Number(process.env.BENCH_SEARCH_RUNS) || 30;

// Pronounceable made-up words, word k the k-th most common: k + 70 written in base 70,
// one syllable per digit (at least two, so no word is an English stop word like "be").
const ONSETS = "bdfgklmnprstvz";
const VOWELS = "aeiou";
const syllable = (d: number) => `${ONSETS[d % 14]}${VOWELS[Math.floor(d / 14)]}`;
function word(k: number): string {
  const x = k + 70;
  return (
    syllable(x % 70) +
    syllable(Math.floor(x / 70) % 70) +
    (x >= 4900 ? syllable(Math.floor(x / 4900)) : "")
  );
}
// The same in SQL, for x = k + 70 (an expression): string arithmetic, no lookups, as the
// seed draws some 50 million words.
const sqlSyllable = (d: string) =>
  `substr('${ONSETS}', (${d}) % 14 + 1, 1) || substr('${VOWELS}', (${d}) / 14 + 1, 1)`;
const sqlWord = (x: string) =>
  `${sqlSyllable(`${x} % 70`)} || ${sqlSyllable(`(${x} / 70) % 70`)} || case when ${x} >= 4900 then ${sqlSyllable(`${x} / 4900`)} else '' end`;

type Timing = { results: number; p50: number; p95: number };

// lib/env reads DATABASE_URL once, and the scratch database's migration has read it by
// now: the search is timed in a child process started with the scratch database's URL.
if (process.argv[2] === "--measure") {
  process.stdout.write(`${JSON.stringify(await measure(JSON.parse(process.argv[3] ?? "[]")))}\n`);
} else {
  const cleanup = new Cleanup();
  await cleanup.around(() => main(cleanup));
}

/** Times searchChats as the route runs it (with its snippets), for each query. */
async function measure(queries: string[]): Promise<Timing[]> {
  const { searchChats } = await import("@/db/queries/chat-search");
  const { toSearchResultOut } = await import("@/lib/chats/serialize");
  const owner = { userId: USER.id };
  const timings: Timing[] = [];
  for (const query of queries) {
    const run = async () =>
      (await searchChats({ owner, query, limit: 20 })).hits.map(toSearchResultOut);
    const results = (await run()).length; // and warm
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    timings.push({
      results,
      p50: times[Math.floor(times.length / 2)] as number,
      p95: times[Math.floor(times.length * 0.95)] as number,
    });
  }
  const { closeDb } = await import("@/db/client");
  await closeDb();
  return timings;
}

async function main(cleanup: Cleanup) {
  const machine = await machineInfo(config.adminUrl);
  console.info(`machine: ${describeMachine(machine)}`);
  const { db, sql } = await scratchPostgres(cleanup, {
    adminUrl: config.adminUrl,
    prefix: "skillmate_search",
    max: 4,
  });
  const words = Array.from({ length: VOCABULARY }, (_, k) => word(k));
  const seedSeconds = await seed(sql);

  const frequency = async (word: string) => {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from chats_chatmessage m
      where (to_tsvector('english', m.content) || array_to_tsvector(array[coalesce(m.owner_key, '-')]))
        @@ (plainto_tsquery('english', ${word}) && md5(${`u${USER.id}`})::tsquery)`;
    return row?.n ?? 0;
  };
  const queries = [
    { label: "very common word", q: words[3] as string },
    { label: "common word", q: words[60] as string },
    { label: "mid-frequency word", q: words[600] as string },
    { label: "rare word", q: words[8_000] as string },
    { label: "two words", q: `${words[60]} ${words[300]}` },
    { label: "phrase", q: `"${words[10]} ${words[12]}"` },
    { label: "either word", q: `${words[900]} or ${words[1_500]}` },
    { label: "no match", q: "zzzzqqqq" },
  ];

  const output = execFileSync(
    "npx",
    [
      "tsx",
      "--conditions=react-server",
      "scripts/bench-search.ts",
      "--measure",
      JSON.stringify(queries.map((query) => query.q)),
    ],
    {
      env: { ...process.env, DATABASE_URL: db.url },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const timings = JSON.parse(output.trim().split("\n").at(-1) ?? "[]") as Timing[];
  const rows: (string | number)[][] = [];
  const p50s: number[] = [];
  for (const [i, { label, q }] of queries.entries()) {
    const timing = timings[i] as Timing;
    p50s.push(timing.p50);
    const single = q.split(/\s+/).length === 1 && !q.startsWith('"');
    const count = single ? await frequency(q) : null;
    // A search that finds nothing where the word is would time nothing.
    if (count && timing.results === 0) throw new Error(`"${q}" found nothing in ${count} messages`);
    rows.push([
      label,
      `\`${q}\``,
      count === null ? "" : count.toLocaleString("en"),
      timing.results,
      timing.p50.toFixed(1),
      timing.p95.toFixed(1),
    ]);
    console.info(
      `${label}: ${timing.results} results, p50 ${timing.p50.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms`,
    );
  }
  const plan = await explain(sql, queries[1]?.q as string);
  const sorted = [...p50s].sort((a, b) => a - b);
  const overall = sorted[Math.floor(sorted.length / 2)] as number;

  const section = `## Search (\`npm run bench:search\`)

Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${describeMachine(machine)}.
One user with ${USER.chats.toLocaleString("en")} chats among ${ALL_CHATS.toLocaleString("en")} chats of ${OTHER_USERS + 1} users, ${MESSAGES_PER_CHAT} messages each
(${(ALL_CHATS * MESSAGES_PER_CHAT).toLocaleString("en")} messages of 12–40 words drawn from a ${VOCABULARY.toLocaleString("en")}-word vocabulary,
word *k* drawn with a probability falling as 1/√*k*), seeded with \`generate_series\` and indexed in ${seedSeconds.toFixed(0)} s.
\`searchChats\` as \`GET /api/chats/search/\` runs it (first page of 20, snippets included),
in-process on PostgreSQL, one query at a time, ${RUNS} runs after a warm-up.

${markdownTable(["query", "q", "user's messages with the word", "results", "p50 ms", "p95 ms"], rows)}

Median of the p50s: **${overall.toFixed(1)} ms** (goal ≤ 50 ms).

Plan of the common-word query, EXPLAIN (ANALYZE, BUFFERS), warm:

\`\`\`
${plan}
\`\`\`
`;
  console.info(section);
  writeDocSection(config.doc, "search", section);
}

async function seed(sql: postgres.Sql): Promise<number> {
  const started = performance.now();
  await sql`insert into users (id, name, email)
    select 'other-' || g, 'Other ' || g, 'other' || g || '@example.test'
    from generate_series(1, ${OTHER_USERS}) g`;
  await sql`insert into users (id, name, email) values (${USER.id}, 'Search', 'search@example.test')`;
  // Indexes are built once at the end: far faster than kept up row by row.
  await sql`drop index chats_chatmessage_search_idx`;
  await sql`drop index chats_chat_title_search_idx`;
  const batch = 10_000;
  // Word k is drawn with probability falling as 1/sqrt(k): a few very common, most rare.
  const draw = (size: number) => `floor(power(random(), 2) * ${size})::int + 70`;
  for (let from = 0; from < ALL_CHATS; from += batch) {
    // The first USER.chats chats are the user's; the rest spread over the others.
    await sql.unsafe(`
      with made as (
        insert into chats_chat (user_id, title, share_id, message_count, created_at, updated_at)
        select case when g < ${USER.chats} then '${USER.id}' else 'other-' || (g % ${OTHER_USERS} + 1) end,
          initcap((select string_agg(${sqlWord("x")}, ' ')
                   from (select ${draw(2000)} as x, g from generate_series(1, 2)) t)),
          md5('search' || g), ${MESSAGES_PER_CHAT},
          now() - g * interval '5 minutes', now() - g * interval '5 minutes'
        from generate_series(${from}, ${from + batch - 1}) g
        returning id, user_id, created_at
      )
      insert into chats_chatmessage (chat_id, message_type, content, created_at, owner_key)
      select made.id, case when n % 2 = 1 then 'user' else 'assistant' end,
        (select string_agg(${sqlWord("x")}, ' ')
         from (select ${draw(VOCABULARY)} as x
               from generate_series(1, 12 + (n * 7 + length(made.id::text)) % 29)) t),
        made.created_at + n * interval '1 second', md5('u' || made.user_id)
      from made, generate_series(1, ${MESSAGES_PER_CHAT}) n`);
    console.info(`  ${from + batch} chats`);
  }
  console.info("indexing");
  await sql`set maintenance_work_mem = '512MB'`;
  await sql`create index chats_chatmessage_search_idx on chats_chatmessage using gin
    ((to_tsvector('english', content) || array_to_tsvector(array[coalesce(owner_key, '-')])))`;
  await sql`create index chats_chat_title_search_idx on chats_chat using gin (to_tsvector('english', title))`;
  await sql`vacuum (analyze)`;
  const seconds = (performance.now() - started) / 1000;
  console.info(`seeded in ${seconds.toFixed(1)} s`);
  return seconds;
}

/** The search's plan for one word, as the route sends it (run twice: warm). */
async function explain(sql: postgres.Sql, word: string): Promise<string> {
  let plan = "";
  for (let i = 0; i < 2; i++) {
    const rows = await sql<{ "QUERY PLAN": string }[]>`
      explain (analyze, buffers, costs off)
      with q as (select websearch_to_tsquery('english', ${word}) as query)
      select m.id, ts_rank(to_tsvector('english', m.content), q.query)::real as rank
      from chats_chatmessage m join chats_chat c on c.id = m.chat_id, q
      where c.user_id = ${USER.id} and numnode(q.query) > 0
        and (to_tsvector('english', m.content) || array_to_tsvector(array[coalesce(m.owner_key, '-')]))
          @@ (q.query && md5(${`u${USER.id}`})::tsquery)
      order by rank desc, m.id desc limit 21`;
    plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
  }
  return plan;
}
