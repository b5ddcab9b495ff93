import { expect, test } from "vitest";
import * as importRoute from "@/app/api/chats/import/route";
import { listChatsByOwner } from "@/db/queries/chats";
import { importResultSchema } from "@/lib/validation/import";
import { guest } from "../helpers/callers";
import { generatedExport } from "../helpers/chatgpt-export";

// A large ChatGPT export through the route: streamed in (no Content-Length), spooled,
// read a conversation at a time. Prints its time and the process's peak memory. 10 MiB
// here (the database's work dominates: 50 MiB took 13–46 s on PGlite, 11–17 s on
// PostgreSQL, depending on the machine's load);
// IMPORT_TEST_MIB=50 runs the full size, and tests/unit/import-chatgpt.test.ts reads
// 50 MiB at the parser level on every run.

const SIZE = Number(process.env.IMPORT_TEST_MIB || 10) * 1024 * 1024;

test("POST /api/chats/import/ takes a large conversations.json, streamed", {
  timeout: 600_000,
}, async () => {
  const me = guest("import-large");
  const { stream, conversations } = generatedExport(SIZE);
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);
  const started = performance.now();
  const request = new Request("http://localhost:3000/api/chats/import/", {
    method: "POST",
    headers: { ...me.headers, "content-type": "application/json" },
    body: stream,
    duplex: "half",
  } as RequestInit);
  const response = await importRoute.POST(request, { params: Promise.resolve({}) as never });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  expect(response.status).toBe(200);
  const result = importResultSchema.parse(await response.json());
  const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;
  console.log(
    `import of ${mib(SIZE)}: ${conversations()} conversations, ${result.messages} messages in ${seconds.toFixed(1)} s; ` +
      `peak RSS ${mib(peakRss)} (from ${mib(baseline.rss)}), peak heap ${mib(peakHeap)} (from ${mib(baseline.heapUsed)})`,
  );
  expect(result.imported).toBe(conversations());
  expect(result.messages).toBe(conversations() * 10);
  expect(result.skipped).toEqual([]);
  const { chats } = await listChatsByOwner({ owner: { guestId: me.guestId }, limit: 3 });
  expect(chats[0]?.messageCount).toBe(10);
});
