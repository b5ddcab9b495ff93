// npm run bench:ui — how the chat page holds up in the browser as a chat grows: one offline
// reply streams into chats of N markdown messages while a PerformanceObserver records the
// main thread's long tasks, and the time to open such a chat (until its last message is
// on screen and the page is hydrated). Playwright drives Chromium against the production
// build. Writes its section of docs/benchmarks.md. Not a test: nothing fails on a number.
//
//   BENCH_ROUNDS=3         rounds per chat size (median and max reported)
//   BENCH_LABEL=before     names the docs section (ui-before), so "before" and "after" sit side by side
//   BENCH_APP_DIR=dir      the app whose build is measured (default: the current directory)
//   BENCH_DOCS_FILE=file   default: docs/benchmarks.md of the current directory
//   BENCH_BUILD_DESC=text  what was built, for the docs (default: from git in BENCH_APP_DIR)
//   BENCH_PROFILE=1        also a CPU profile and a trace of the largest cases (printed)
//   BENCH_EMBEDDED=1       the embedded database instead of a scratch PostgreSQL one
//   BENCH_SHOW_ALL=1       before streaming, "Show N earlier messages" is pressed, so that a
//                          long chat has every message in the page (it opens with its latest)
//   BENCH_REBUILD=1, BENCH_DATABASE_URL: as for the other benchmarks
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
} from "@playwright/test";
import { createScratchDatabase } from "../tests/support/scratch-database";
import { Cleanup } from "./bench/cleanup";
import { markdownTable, writeDocSection } from "./bench/docs";
import { describeMachine, machineInfo } from "./bench/machine";
import {
  type CpuProfile,
  type CpuSummary,
  summarizeCpuProfile,
  summarizeTrace,
  type TraceSummary,
} from "./bench/profile";
import { waitForQuietMachine } from "./bench/rounds";
import { CHROMIUM_FLAGS, chromiumPath } from "./local-tools";

const invokedFrom = process.cwd();
const config = {
  appDir: path.resolve(process.env.BENCH_APP_DIR || "."),
  docsFile: path.resolve(invokedFrom, process.env.BENCH_DOCS_FILE || "docs/benchmarks.md"),
  label: process.env.BENCH_LABEL?.trim() || "",
  rounds: Number(process.env.BENCH_ROUNDS) || 3,
  profile: process.env.BENCH_PROFILE === "1",
  embedded: process.env.BENCH_EMBEDDED === "1",
  rebuild: process.env.BENCH_REBUILD === "1",
  adminUrl: process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres",
  distDir: ".next-bench-ui",
  chunkDelayMs: "20",
};
if (config.label && !/^[a-z0-9-]+$/.test(config.label))
  throw new Error(`BENCH_LABEL: lower-case letters, digits and dashes, not "${config.label}"`);

/** The chats measured: a reply streams into the first three; the last is only opened. */
const CASES = [
  { messages: 2, stream: true },
  { messages: 100, stream: true },
  { messages: 400, stream: true },
  { messages: 500, stream: false },
] as const;
type Case = (typeof CASES)[number];

const QUESTION = "How do I learn Python?";
const VIEWPORT = { width: 1280, height: 800 };
const LONG_TASK_MS = 50;
// Others build and test on this machine: each round first waits (a while) for a quieter one.
const QUIET = { maxLoad: 2, maxWaitSec: 60 };

function assistantMarkdown(k: number): string {
  return [
    `## Lesson ${k}: loops and functions`,
    "",
    "Practise **a little every day**: write a `for` loop, then wrap it in a `def`. The work grows like $x^2$.",
    "",
    "- Write one small program",
    "- Read the **error message** first",
    "- Keep notes of what you learnt",
    "",
    "| Day | Topic | Minutes |",
    "| --- | --- | ---: |",
    "| 1 | Variables | 20 |",
    "| 2 | Loops | 30 |",
    "",
    "```python",
    "def squares(n):",
    "    return [i * i for i in range(n)]",
    "",
    "print(squares(5))",
    "```",
    "",
    "$$",
    "\\int_0^1 x\\,dx",
    "$$",
  ].join("\n");
}

/** `n` messages, user and assistant in turn; the last one (n even) is the assistant's. */
function conversation(n: number) {
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? { message_type: "user", content: `Question ${i / 2 + 1}: how do I get better at Python?` }
      : { message_type: "assistant", content: assistantMarkdown((i + 1) / 2) },
  );
}

/** Text the last message of a chat of `n` shows, and no other message does. */
const lastMarker = (n: number) => `Lesson ${n / 2}: loops`;

// The probe, installed before any of the page's scripts (a string: functions handed to
// Playwright from tsx can carry helpers the page does not have).
//   - every long task (and long animation frame), buffered from the start of the page;
//   - openedAt: the first animation frame where the last message is on screen and the
//     composer is hydrated (React's props on the textarea, and the height its layout
//     effect sets on mount: both only after hydration commits);
//   - arm(): from the send on, each DOM update of the conversation (the reply's length
//     then), and endAt: the first update where no article is aria-busy and Send is back.
const probe = (marker: string) => `(() => {
  if (window.__bench) return;
  const b = { longTasks: [], frames: [], openedAt: null, articles: 0, sendAt: null, endAt: null,
    updates: 0, samples: [], sawBusy: false, finalText: "", errors: [] };
  window.__bench = b;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (error) { b.errors.push("longtask: " + error); }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        let script = 0, forced = 0;
        for (const s of e.scripts) { script += s.duration; forced += s.forcedStyleAndLayoutDuration; }
        b.frames.push({ start: e.startTime, duration: e.duration, renderStart: e.renderStart,
          styleAndLayoutStart: e.styleAndLayoutStart, script, forced });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch (error) { b.errors.push("long-animation-frame: " + error); }
  const marker = ${JSON.stringify(marker)};
  const conversation = () => document.querySelector('section[aria-label="Conversation"]');
  const lastArticle = () => {
    const list = conversation()?.querySelectorAll(":scope > article") ?? [];
    return list.length ? list[list.length - 1] : null;
  };
  const hydrated = (el) =>
    el.style.height !== "" && Object.keys(el).some((k) => k.startsWith("__reactProps$"));
  const poll = () => {
    const area = document.querySelector('textarea[aria-label="Message"]');
    const last = area && hydrated(area) ? lastArticle() : null;
    if (last && last.textContent.includes(marker)) {
      const box = conversation().parentElement.getBoundingClientRect();
      const r = last.getBoundingClientRect();
      if (r.bottom > box.top && r.top < box.bottom && r.height > 0) {
        b.openedAt = performance.now();
        b.articles = conversation().querySelectorAll(":scope > article").length;
        return;
      }
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  b.arm = () => {
    const section = conversation();
    let length = -1;
    const observer = new MutationObserver(() => {
      const now = performance.now();
      b.updates++;
      const busy = section.querySelector("article[aria-busy]");
      if (busy) b.sawBusy = true;
      const last = lastArticle();
      const reply = last && last.getAttribute("aria-label") === "SkillMate" ? last.textContent : "";
      if (reply.length !== length) { length = reply.length; b.samples.push([now, length]); }
      if (b.sawBusy && !busy && document.querySelector('button[aria-label="Send"]')) {
        b.endAt = now;
        b.finalText = reply;
        observer.disconnect();
      }
    });
    observer.observe(section, { subtree: true, childList: true, characterData: true,
      attributes: true, attributeFilter: ["aria-busy"] });
    b.sendAt = performance.now();
    return b.sendAt;
  };
})();`;

type Task = { start: number; duration: number };
type Frame = {
  start: number;
  duration: number;
  renderStart: number;
  styleAndLayoutStart: number;
  script: number;
  forced: number;
};
type ProbeState = {
  longTasks: Task[];
  frames: Frame[];
  openedAt: number | null;
  articles: number;
  sendAt: number | null;
  endAt: number | null;
  updates: number;
  samples: [number, number][];
  finalText: string;
  errors: string[];
  /** Navigation timing: the HTML's first and last byte. */
  firstByte: number;
  lastByte: number;
};

type TaskStats = { count: number; longest: number; blocking: number };
type StreamCheck = {
  durationMs: number;
  domUpdates: number;
  replyChars: number;
  networkChunks: number;
  networkBytes: number;
  networkMs: number;
  /** Of the long animation frames in the window: time in scripts, and in style and layout. */
  frameScriptMs: number;
  frameStyleLayoutMs: number;
  frameForcedLayoutMs: number;
};
type RoundResult = {
  messages: number;
  openMs: number;
  openTasks: TaskStats;
  firstByte: number;
  lastByte: number;
  stream?: TaskStats & StreamCheck;
};

function taskStats(tasks: Task[]): TaskStats {
  return {
    count: tasks.length,
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
    blocking: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - LONG_TASK_MS), 0),
  };
}

// Predicates for waitForFunction are inline arrows, not strings: the app's CSP forbids
// the eval that string predicates need, and a named helper would not exist in the page.
type ProbeWindow = { __bench?: Partial<ProbeState> };

const readProbe = (page: Page) =>
  page.evaluate(
    `(() => {
      const { arm, ...state } = window.__bench;
      const n = performance.getEntriesByType("navigation")[0];
      state.firstByte = n ? n.responseStart : 0;
      state.lastByte = n ? n.responseEnd : 0;
      return JSON.parse(JSON.stringify(state));
    })()`,
  ) as Promise<ProbeState>;

async function createChat(request: APIRequestContext, base: string, n: number): Promise<string> {
  const response = await request.post(`${base}/api/chats`, {
    data: { title: `Bench UI, ${n} messages`, messages: conversation(n) },
  });
  if (response.status() !== 201)
    throw new Error(`POST /api/chats: ${response.status()} ${await response.text()}`);
  const chat = (await response.json()) as { id: string; message_count: number };
  if (chat.message_count !== n)
    throw new Error(`chat has ${chat.message_count} messages, not ${n}`);
  return chat.id;
}

/** Counts the bytes of POST /api/chatbot as they arrive (CDP Network events). */
async function watchReplyStream(cdp: CDPSession) {
  const chunks: { at: number; bytes: number }[] = [];
  let requestId: string | null = null;
  await cdp.send("Network.enable");
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.request.method === "POST" && new URL(e.request.url).pathname === "/api/chatbot")
      requestId = e.requestId;
  });
  cdp.on("Network.dataReceived", (e) => {
    if (e.requestId === requestId) chunks.push({ at: e.timestamp * 1000, bytes: e.dataLength });
  });
  return () => ({
    chunks: chunks.length,
    bytes: chunks.reduce((s, c) => s + c.bytes, 0),
    ms: chunks.length > 1 ? (chunks.at(-1)?.at ?? 0) - (chunks[0]?.at ?? 0) : 0,
  });
}

/** Waits (bounded) until the page has had no long task for `quietMs` and no network. */
const SHOW_ALL = process.env.BENCH_SHOW_ALL === "1";

/** Presses "Show N earlier messages" (when the chat has it) until every message is in the page. */
async function showEveryMessage(page: Page, messages: number) {
  const more = page.getByRole("button", { name: /^Show \d+ earlier messages?$/ });
  if (await more.isVisible()) await more.click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('section[aria-label="Conversation"] > article').length === n,
    messages,
    { polling: 100 },
  );
  await settle(page);
}

async function settle(page: Page, quietMs = 1000, maxMs = 15_000) {
  await page.waitForLoadState("networkidle", { timeout: maxMs }).catch(() => {});
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const since = (await page.evaluate(
      "performance.now() - Math.max(0, ...window.__bench.longTasks.map((t) => t.start + t.duration))",
    )) as number;
    if (since >= quietMs) return;
    await page.waitForTimeout(quietMs - since + 50);
  }
}

type Capture = "profile" | "trace" | undefined;
type Captured = { cpu?: CpuProfile; trace?: unknown };

async function startCapture(browser: Browser, page: Page, cdp: CDPSession, capture: Capture) {
  if (capture === "profile") {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
  } else if (capture === "trace") {
    await browser.startTracing(page, {
      categories: [
        "devtools.timeline",
        "disabled-by-default-devtools.timeline",
        "v8.execute",
        "blink.user_timing",
      ],
    });
  }
}

async function stopCapture(
  browser: Browser,
  cdp: CDPSession,
  capture: Capture,
  into: Captured,
): Promise<void> {
  if (capture === "profile") {
    const { profile } = await cdp.send("Profiler.stop");
    into.cpu = profile as CpuProfile;
  } else if (capture === "trace") {
    into.trace = JSON.parse((await browser.stopTracing()).toString("utf8"));
  }
}

/**
 * One round of one case, on a fresh page: create the chat, open it (timed), and for a
 * streaming case send the question and record the long tasks until the reply is over.
 */
async function measure(
  browser: Browser,
  context: BrowserContext,
  base: string,
  c: Case,
  capture?: { open?: Capture; stream?: Capture; into: Captured },
): Promise<RoundResult> {
  const id = await createChat(context.request, base, c.messages);
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await page.addInitScript({ content: probe(lastMarker(c.messages)) });
    const network = c.stream ? await watchReplyStream(cdp) : null;
    if (capture?.open) {
      // A same-origin page first, so that the profiled renderer is the chat page's.
      await page.goto(`${base}/api/health`);
      await startCapture(browser, page, cdp, capture.open);
    }
    await page.goto(`${base}/chatbot/c/${id}`, { waitUntil: "commit" });
    await page.waitForFunction(
      () => (window as unknown as ProbeWindow).__bench?.openedAt != null,
      null,
      { polling: 100 },
    );
    if (capture?.open) await stopCapture(browser, cdp, capture.open, capture.into);
    const opened = await readProbe(page);
    if (opened.errors.length > 0) throw new Error(`probe: ${opened.errors.join("; ")}`);
    // Fewer is fine for a list that renders only what is near the screen.
    if (opened.articles !== c.messages)
      console.warn(`  the page has ${opened.articles} of the ${c.messages} messages in its DOM`);
    const openMs = opened.openedAt as number;
    const result: RoundResult = {
      messages: c.messages,
      openMs,
      openTasks: taskStats(opened.longTasks.filter((t) => t.start < openMs)),
      firstByte: opened.firstByte,
      lastByte: opened.lastByte,
    };
    if (c.stream && network) {
      await settle(page);
      if (SHOW_ALL) await showEveryMessage(page, c.messages);
      const composer = page.locator('textarea[aria-label="Message"]');
      await composer.fill(QUESTION);
      // The composer took the text: its Send button is enabled.
      await page.locator('button[aria-label="Send"]:not([disabled])').waitFor();
      if (capture?.stream) await startCapture(browser, page, cdp, capture.stream);
      await page.evaluate("window.__bench.arm()");
      await composer.press("Enter");
      await page.waitForFunction(
        () => (window as unknown as ProbeWindow).__bench?.endAt != null,
        null,
        { polling: 250 },
      );
      // Observers report a task after it ends: give the last ones time to arrive.
      await page.waitForTimeout(500);
      if (capture?.stream) await stopCapture(browser, cdp, capture.stream, capture.into);
      const s = await readProbe(page);
      const from = s.sendAt as number;
      const to = s.endAt as number;
      if (s.finalText.length < 200 || !s.finalText.includes("Python"))
        throw new Error(`no streamed reply; the last message reads: ${s.finalText.slice(0, 300)}`);
      const inWindow = <T extends { start: number }>(list: T[]) =>
        list.filter((t) => t.start >= from && t.start <= to);
      const frames = inWindow(s.frames);
      const net = network();
      result.stream = {
        ...taskStats(inWindow(s.longTasks)),
        durationMs: to - from,
        domUpdates: s.samples.length,
        replyChars: s.finalText.length,
        networkChunks: net.chunks,
        networkBytes: net.bytes,
        networkMs: net.ms,
        frameScriptMs: frames.reduce((sum, f) => sum + f.script, 0),
        frameStyleLayoutMs: frames.reduce(
          (sum, f) =>
            sum + (f.styleAndLayoutStart > 0 ? f.start + f.duration - f.styleAndLayoutStart : 0),
          0,
        ),
        frameForcedLayoutMs: frames.reduce((sum, f) => sum + f.forced, 0),
      };
      // Streamed: its bytes arrived over most of a second (a busy main thread makes Chromium
      // hand them over in fewer, larger chunks), and the page showed some of it before the end.
      const partial = s.samples.some(([, length]) => length > 0 && length < s.finalText.length);
      if (net.ms < 500 || !partial)
        throw new Error(
          `the reply did not stream: ${net.chunks} network chunks over ${ms(net.ms)}, ` +
            `${s.samples.length} DOM updates${partial ? "" : ", none with part of the reply"}`,
        );
    }
    return result;
  } finally {
    await page.close();
    await context.request.delete(`${base}/api/chats/${id}`).catch(() => {});
  }
}

const ms = (v: number) => `${Math.round(v)} ms`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2
    ? (sorted[Math.floor(mid)] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
/** "median (max)" of a metric over rounds. */
function cell(values: number[], unit: (v: number) => string = (v) => String(Math.round(v))) {
  if (values.length === 0) return "—";
  return `${unit(median(values))} (${unit(Math.max(...values))})`;
}

function logRound(round: number, r: RoundResult) {
  const open = `open ${ms(r.openMs)} (HTML ${ms(r.firstByte)}–${ms(r.lastByte)}, ${r.openTasks.count} long tasks, longest ${ms(r.openTasks.longest)})`;
  const s = r.stream;
  console.info(
    `  round ${round}, ${r.messages} messages: ${open}` +
      (s
        ? `; stream ${ms(s.durationMs)}: ${s.count} long tasks, longest ${ms(s.longest)}, ` +
          `blocking ${ms(s.blocking)}; ${s.networkChunks} network chunks (${s.networkBytes} B over ` +
          `${ms(s.networkMs)}), ${s.domUpdates} DOM updates, ${s.replyChars} chars; long frames: ` +
          `script ${ms(s.frameScriptMs)}, style+layout ${ms(s.frameStyleLayoutMs)}, forced ${ms(s.frameForcedLayoutMs)}`
        : ""),
  );
}

function buildDescription(): string {
  if (process.env.BENCH_BUILD_DESC) return process.env.BENCH_BUILD_DESC;
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", config.appDir, ...args], { encoding: "utf8" }).trim();
  try {
    const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
    return `commit ${git("rev-parse", "--short", "HEAD")}${dirty ? " with uncommitted changes" : ""}`;
  } catch {
    return config.appDir;
  }
}

function printProfile(title: string, cpu: CpuSummary, sources: Map<string, string>) {
  console.info(`\n${title}: CPU profile, ${ms(cpu.totalMs)}; top self time by function:`);
  for (const f of cpu.functions.slice(0, 10)) {
    const line = sources.get(f.url)?.split("\n")[f.line - 1] ?? "";
    const snippet = line.slice(f.column - 1, f.column + 90).replace(/\s+/g, " ");
    console.info(
      `  ${ms(f.selfMs).padStart(8)}  ${f.name}  ${path.basename(f.url) || "-"}:${f.line}:${f.column}  ${snippet}`,
    );
  }
  console.info("  by script:");
  for (const s of cpu.scripts.slice(0, 10))
    console.info(`  ${ms(s.selfMs).padStart(8)}  ${s.url.replace(/^https?:\/\/[^/]+/, "")}`);
}

function printTrace(title: string, t: TraceSummary) {
  const phases = Object.entries(t.phases)
    .map(([phase, v]) => `${phase} ${ms(v)}`)
    .join(", ");
  console.info(`\n${title}: trace, self time on the main thread: ${phases}`);
  for (const e of t.events.slice(0, 12))
    console.info(`  ${ms(e.selfMs).padStart(8)}  ${e.name} (${e.phase})`);
}

const cleanup = new Cleanup();
await cleanup.around(main);

async function main() {
  const host = await machineInfo(config.embedded ? null : config.adminUrl);
  console.info(`machine: ${describeMachine(host)}`);
  // Build and serve the app in BENCH_APP_DIR: the build and next-server helpers resolve
  // the next binary and the dist dir from the current directory when they load.
  process.chdir(config.appDir);
  const { ensureNextBuild } = await import("./bench/build");
  const { startBenchServer } = await import("./bench/server");
  const build = buildDescription();
  console.info(`app: ${config.appDir} (${build})`);
  await ensureNextBuild({ distDir: config.distDir, rebuild: config.rebuild });

  const env: Record<string, string> = {
    AUTH_SECRET: "bench-ui-secret-bench-ui-secret-0123456789",
    RATE_LIMITS: "off",
    AI_OFFLINE_CHUNK_DELAY_MS: config.chunkDelayMs,
  };
  if (!config.embedded) {
    // Not migrated here: the server migrates at start, with the measured app's migrations.
    const db = await createScratchDatabase({
      adminUrl: config.adminUrl,
      prefix: "skillmate_bench_ui",
      log: console.info,
    });
    cleanup.add("drop the scratch database", db.drop);
    env.DATABASE_URL = db.url;
  }
  const server = await startBenchServer({ distDir: config.distDir, env });
  cleanup.add("stop next start", server.stop);

  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
  cleanup.add("close Chromium", () => browser.close());
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.setDefaultTimeout(120_000);
  // The guest: the first page, then the first write, set its cookie; the page also loads
  // the bundles into the browser's cache before anything is measured.
  const first = await context.newPage();
  await first.goto(`${server.url}/chatbot`);
  await first.close();

  console.info("warm-up round (not counted)");
  for (const c of CASES.slice(0, 2)) logRound(0, await measure(browser, context, server.url, c));

  const loads: number[] = [];
  const results = new Map<number, RoundResult[]>(CASES.map((c) => [c.messages, []]));
  for (let round = 1; round <= config.rounds; round++) {
    console.info(`round ${round} of ${config.rounds}`);
    loads.push(await waitForQuietMachine(QUIET));
    // Each round starts one case later: no case always runs first or after the same one.
    for (let k = 0; k < CASES.length; k++) {
      const c = CASES[(k + round - 1) % CASES.length] as Case;
      const r = await measure(browser, context, server.url, c);
      logRound(round, r);
      results.get(c.messages)?.push(r);
    }
  }

  const rows = CASES.map((c) => {
    const rs = results.get(c.messages) ?? [];
    const streams = rs.flatMap((r) => (r.stream ? [r.stream] : []));
    return [
      c.messages,
      cell(streams.map((s) => s.count)),
      cell(
        streams.map((s) => s.longest),
        ms,
      ),
      cell(
        streams.map((s) => s.blocking),
        ms,
      ),
      cell(
        rs.map((r) => r.openMs),
        ms,
      ),
    ];
  });
  const table = markdownTable(
    ["messages", "long tasks", "longest task", "blocking time", "time to open"],
    rows,
  );
  const checkRows = CASES.filter((c) => c.stream).map((c) => {
    const rs = results.get(c.messages) ?? [];
    const streams = rs.flatMap((r) => (r.stream ? [r.stream] : []));
    return [
      c.messages,
      cell(
        streams.map((s) => s.durationMs),
        ms,
      ),
      cell(streams.map((s) => s.networkChunks)),
      cell(streams.map((s) => s.domUpdates)),
      cell(streams.map((s) => s.replyChars)),
      cell(
        streams.map((s) => s.frameScriptMs),
        ms,
      ),
      cell(
        streams.map((s) => s.frameStyleLayoutMs),
        ms,
      ),
    ];
  });
  const checkTable = markdownTable(
    [
      "messages",
      "stream took",
      "network chunks",
      "DOM updates",
      "reply characters",
      "long frames: script",
      "long frames: style and layout",
    ],
    checkRows,
  );
  const openRows = CASES.map((c) => {
    const rs = results.get(c.messages) ?? [];
    return [
      c.messages,
      cell(
        rs.map((r) => r.firstByte),
        ms,
      ),
      cell(
        rs.map((r) => r.lastByte),
        ms,
      ),
      cell(
        rs.map((r) => r.openMs),
        ms,
      ),
      cell(rs.map((r) => r.openTasks.count)),
      cell(
        rs.map((r) => r.openTasks.longest),
        ms,
      ),
      cell(
        rs.map((r) => r.openTasks.blocking),
        ms,
      ),
    ];
  });
  const openTable = markdownTable(
    [
      "messages",
      "HTML first byte",
      "HTML last byte",
      "time to open",
      "long tasks while opening",
      "longest",
      "blocking time",
    ],
    openRows,
  );
  console.info(`\n${table}\n\n${checkTable}\n\n${openTable}`);

  let whereTable = "";
  if (config.profile) {
    const stream = CASES.filter((c) => c.stream).at(-1) as Case;
    const open = CASES.at(-1) as Case;
    const profiled: Captured = {};
    await measure(browser, context, server.url, stream, { stream: "profile", into: profiled });
    const streamCpu = profiled.cpu;
    await measure(browser, context, server.url, open, { open: "profile", into: profiled });
    const openCpu = profiled.cpu;
    await measure(browser, context, server.url, stream, { stream: "trace", into: profiled });
    const streamTrace = summarizeTrace(profiled.trace);
    await measure(browser, context, server.url, open, { open: "trace", into: profiled });
    const openTrace = summarizeTrace(profiled.trace);
    const dir = path.join(os.tmpdir(), `bench-ui-${config.label || "run"}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "stream.cpuprofile"), JSON.stringify(streamCpu));
    writeFileSync(path.join(dir, "open.cpuprofile"), JSON.stringify(openCpu));
    const sources = new Map<string, string>();
    for (const p of [streamCpu, openCpu])
      for (const n of p?.nodes ?? [])
        if (n.callFrame.url.startsWith(server.url) && !sources.has(n.callFrame.url))
          sources.set(n.callFrame.url, await (await context.request.get(n.callFrame.url)).text());
    if (streamCpu)
      printProfile(`streaming into ${stream.messages}`, summarizeCpuProfile(streamCpu), sources);
    if (openCpu) printProfile(`opening ${open.messages}`, summarizeCpuProfile(openCpu), sources);
    printTrace(`streaming into ${stream.messages}`, streamTrace);
    printTrace(`opening ${open.messages}`, openTrace);
    console.info(`CPU profiles in ${dir} (open them in DevTools' Performance panel)`);
    const phaseNames = Object.keys(streamTrace.phases) as (keyof TraceSummary["phases"])[];
    whereTable = `\n\nWhere the main thread's time goes (\`BENCH_PROFILE=1\`: one more round of each with a Chromium trace; self time of the trace events on the renderer's main thread, tracing's own cost included):\n\n${markdownTable(
      ["", ...phaseNames],
      [
        [`streaming into ${stream.messages}`, ...phaseNames.map((p) => ms(streamTrace.phases[p]))],
        [`opening ${open.messages}`, ...phaseNames.map((p) => ms(openTrace.phases[p]))],
      ],
    )}`;
  }

  const replyLengths = [...results.values()].flat().flatMap((r) => r.stream?.replyChars ?? []);
  const shortest = Math.min(...replyLengths);
  const longest = Math.max(...replyLengths);
  const replySize =
    shortest === longest
      ? `${shortest} characters in every chat`
      : `${shortest}–${longest} characters`;
  const title = config.label ? `, ${config.label}` : "";
  const stamp = new Date().toISOString().slice(0, 16).replace("T", " ");
  writeDocSection(
    config.docsFile,
    config.label ? `ui-${config.label}` : "ui",
    `## Chat page in the browser${title} (\`${config.label ? `BENCH_LABEL=${config.label} ` : ""}npm run bench:ui\`)

Measured ${stamp} UTC on ${describeMachine(host)}; headless Chromium ${browser.version()} (Playwright), viewport ${VIEWPORT.width}×${VIEWPORT.height}, against \`next start\` of the production build (in \`${config.distDir}\`) of ${build}, ${config.embedded ? "the embedded database" : "a scratch PostgreSQL database"}, the offline assistant (\`AI_OFFLINE_CHUNK_DELAY_MS=${config.chunkDelayMs}\`), \`RATE_LIMITS=off\`. Shared machine: browser, server and database on the same ${host.cores} cores, beside others' builds and tests (1-minute load average before each round: ${loads.map((l) => l.toFixed(1)).join(", ")}).

Each chat holds N messages, user and assistant in turn; every assistant message is markdown with a heading, a bulleted list, a GFM table, a fenced \`python\` code block, inline code, bold, an inline \`$x^2$\` and a display \`$$\\int_0^1 x\\,dx$$\` block. Per round and chat, a fresh page opens the chat, waits until it is quiet, ${SHOW_ALL ? 'presses "Show N earlier messages" and waits until every message is in the page and it is quiet again (`BENCH_SHOW_ALL=1`), ' : ""}types "${QUESTION}" and presses Enter. **Long tasks**: those (PerformanceObserver \`longtask\`) that start between the Enter and the end of the reply (its article loses \`aria-busy\` and Send is back); **blocking time**: their Σ(duration − ${LONG_TASK_MS} ms). **Time to open**: from navigation start to the first frame where the last message is on screen and the page is hydrated (the composer's textarea carries React's props and the height its layout effect sets). The ${CASES.at(-1)?.messages}-message chat is only opened. ${config.rounds} rounds after a warm-up, each after a wait of at most ${QUIET.maxWaitSec} s for a 1-minute load average under ${QUIET.maxLoad}, the chats in a rotated order each round; each cell is the median, the max in brackets.

${table}

The reply (${replySize}) as it streamed: how long it took from Enter to its end, the chunks of it Chromium handed to the page (fewer when the main thread is busy), the DOM updates of the conversation meanwhile, and where the long animation frames of that time went (LoAF: in scripts, and in style and layout):

${checkTable}

Opening, from navigation start: the HTML's first and last byte (the server renders the whole chat), the time to open, and the long tasks until then:

${openTable}${whereTable}
`,
  );
  console.info(
    `wrote the ui${config.label ? `-${config.label}` : ""} section of ${config.docsFile}`,
  );
}
