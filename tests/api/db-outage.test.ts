import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { type Outage, startTcpProxy } from "../helpers/tcp-proxy";

// PostgreSQL going away and coming back, as the app's requests see it (issue 10): while
// it is down every API request that needs it is 503 `unavailable` with Retry-After
// within seconds (never a hang or a 500), the assistant refuses before streaming, and
// once it is back requests succeed again within 5 s, on the same client, with no restart.
//
// The real server is never touched: the app's client reaches it through a TCP proxy
// (tests/helpers/tcp-proxy.ts) that this file cuts and restores. DATABASE_URL is pointed
// at the proxy before anything reads it (tests/setup/postgres.ts opens the database in
// its beforeAll, which runs after this module's top level). PostgreSQL only.

// Outside Next's request scope `after()` throws: the chatbot's tasks are run here instead.
const { afterTasks, mockAfter, runAfterTasks } = await vi.hoisted(
  () => import("../helpers/after-tasks"),
);
vi.mock("next/server", mockAfter);
vi.stubEnv("AI_BASE_URL", "");
vi.stubEnv("AI_MODEL", "");
vi.stubEnv("AI_OFFLINE_CHUNK_DELAY_MS", "0");

const upstream = process.env.DATABASE_URL;
const proxy = upstream
  ? await startTcpProxy({
      host: new URL(upstream).hostname,
      port: Number(new URL(upstream).port || 5432),
    })
  : null;
if (proxy && upstream) process.env.DATABASE_URL = proxy.urlFor(upstream);

/** Generous bounds: this is a behaviour test, not a benchmark (measured: docs/operations.md). */
const UNAVAILABLE_WITHIN_MS = 10_000;
const BACK_WITHIN_MS = 5_000;
const READY_TIMEOUT_MS = 2_000; // lib/health.ts, checked against it below

// The app's modules, imported once DATABASE_URL points at the proxy.
const load = async () => ({
  client: await import("@/db/client"),
  env: await import("@/lib/env"),
  openapi: await import("@/lib/openapi"),
  list: await import("@/app/api/chats/route"),
  chat: await import("@/app/api/chats/[id]/route"),
  message: await import("@/app/api/chats/[id]/message/route"),
  chatExport: await import("@/app/api/chats/[id]/export/route"),
  accountExport: await import("@/app/api/account/export/route"),
  chatbot: await import("@/app/api/chatbot/route"),
  ready: await import("@/app/api/health/ready/route"),
  health: await import("@/lib/health"),
  live: await import("@/app/api/health/route"),
  http: await import("../helpers/http"),
  callers: await import("../helpers/callers"),
});

describe.skipIf(!proxy)("PostgreSQL down and back (through a TCP proxy)", () => {
  let app: Awaited<ReturnType<typeof load>>;
  let owner: { headers: Record<string, string> };
  let chatId: string;
  const timings: string[] = [];

  type Handler = Parameters<Awaited<ReturnType<typeof load>>["http"]["callRoute"]>[0];
  type Call = {
    label: string;
    /** The OpenAPI operation: its 503 must be documented. */
    operation: [method: "get" | "post", path: string];
    handler: Handler;
    method: "GET" | "POST";
    path: string;
    params?: Record<string, string>;
    body?: unknown;
  };

  const send = (call: Call) =>
    app.http.callRoute(call.handler, {
      method: call.method,
      path: call.path,
      params: call.params,
      body: call.body,
      headers: owner.headers,
    });

  const listCall = (): Call => ({
    label: "list chats",
    operation: ["get", "/api/chats/"],
    handler: app.list.GET as Handler,
    method: "GET",
    path: "/api/chats/",
  });
  const getCall = (): Call => ({
    label: "read a chat",
    operation: ["get", "/api/chats/{id}/"],
    handler: app.chat.GET as Handler,
    method: "GET",
    path: `/api/chats/${chatId}/`,
    params: { id: chatId },
  });
  const messageCall = (id: string): Call => ({
    label: "post a message",
    operation: ["post", "/api/chats/{id}/message/"],
    handler: app.message.POST as Handler,
    method: "POST",
    path: `/api/chats/${chatId}/message/`,
    params: { id: chatId },
    body: { id, message_type: "user", content: "Sent while the database was down" },
  });
  const createCall = (): Call => ({
    label: "create a chat",
    operation: ["post", "/api/chats/"],
    handler: app.list.POST as Handler,
    method: "POST",
    path: "/api/chats/",
    body: { title: "Made during an outage" },
  });
  const chatbotCall = (): Call => ({
    label: "the assistant",
    operation: ["post", "/api/chatbot/"],
    handler: app.chatbot.POST as Handler,
    method: "POST",
    path: "/api/chatbot/",
    body: {
      chat_id: chatId,
      message: { id: crypto.randomUUID(), content: "How do I start learning chess?" },
      assistant_id: crypto.randomUUID(),
    },
  });
  const chatExportCall = (): Call => ({
    label: "export a chat",
    operation: ["get", "/api/chats/{id}/export/"],
    handler: app.chatExport.GET as Handler,
    method: "GET",
    path: `/api/chats/${chatId}/export/`,
    params: { id: chatId },
  });
  // Its first batch is read before the download starts: a JSON 503, not a cut-off file.
  const accountExportCall = (): Call => ({
    label: "export every chat",
    operation: ["get", "/api/account/export/"],
    handler: app.accountExport.GET as Handler,
    method: "GET",
    path: "/api/account/export/",
  });
  const readyCall = (): Call => ({
    label: "readiness",
    operation: ["get", "/api/health/ready/"],
    handler: app.ready.GET as Handler,
    method: "GET",
    path: "/api/health/ready/",
  });

  async function messagesOfChat(): Promise<string[]> {
    const response = await send(getCall());
    expect(response.status).toBe(200);
    return ((await response.json()) as { messages: { id: string }[] }).messages.map((m) => m.id);
  }

  beforeAll(async () => {
    app = await load();
    // The whole point: the app's one client goes through the proxy.
    expect(app.env.env().DATABASE_URL).toBe(proxy?.urlFor(upstream as string));
    expect(app.health.READY_TIMEOUT_MS).toBe(READY_TIMEOUT_MS);
    owner = app.callers.guest("outage");
    const created = await send(createCall());
    expect(created.status).toBe(201);
    chatId = ((await created.json()) as { id: string }).id;
    expect(proxy?.forwarding()).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await proxy?.restore();
    // Closed here, while the proxy still forwards (the setup's closeDb is then a no-op).
    const closing = performance.now();
    await app?.client.closeDb();
    timings.push(`closeDb after the outages: ${Math.round(performance.now() - closing)} ms`);
    await proxy?.close();
    console.info(`[db-outage] measured:\n  ${timings.join("\n  ")}`);
    vi.unstubAllEnvs();
  });

  test.each<[Outage, string]>([
    ["refuse", "a stopped server: connections refused"],
    ["close", "a proxy or container port in front of a server that is down: accepted, then closed"],
    ["silent", "a host that stopped answering: accepted, never answered"],
  ])(
    "%s (%s): 503 within seconds, then back within 5 s, and a retried message stored once",
    async (outage) => {
      if (!proxy) return;
      const before = await messagesOfChat();
      const retried = crypto.randomUUID();

      await proxy.cut(outage);
      const calls = [
        createCall(),
        messageCall(retried),
        listCall(),
        getCall(),
        chatExportCall(),
        accountExportCall(),
        chatbotCall(),
        readyCall(),
      ];
      const outcomes = await Promise.all(
        calls.map(async (call) => {
          const started = performance.now();
          const response = await send(call);
          return { call, response, ms: performance.now() - started };
        }),
      );
      const doc = app.openapi.openApiDocument().paths as unknown as Record<
        string,
        Record<string, { responses: Record<string, unknown> }>
      >;
      for (const { call, response, ms } of outcomes) {
        const label = `${outage}: ${call.label}`;
        timings.push(`${label}: ${response.status} after ${Math.round(ms)} ms`);
        expect(response.status, label).toBe(503);
        expect(response.headers.get("content-type"), label).toMatch(/^application\/json/);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code, label).toBe("unavailable");
        expect(body.error.message, label).toMatch(/database/i);
        expect(Number(response.headers.get("retry-after")), label).toBeGreaterThan(0);
        expect(ms, label).toBeLessThan(UNAVAILABLE_WITHIN_MS);
        const [method, path] = call.operation;
        expect(doc[path]?.[method]?.responses["503"], `${label}: 503 documented`).toBeDefined();
      }
      // The assistant refused before anything streamed.
      const chatbot = outcomes.find(({ call }) => call.label === "the assistant")?.response;
      expect(chatbot?.headers.get("x-vercel-ai-ui-message-stream")).toBeNull();
      expect(afterTasks).toEqual([]);
      // Readiness alone (not beside requests that find the pool's connections dropped):
      // 503 by its own deadline at the latest.
      const readyStarted = performance.now();
      const notReady = await send(readyCall());
      const readyMs = performance.now() - readyStarted;
      timings.push(
        `${outage}: readiness alone: ${notReady.status} after ${Math.round(readyMs)} ms`,
      );
      expect(notReady.status).toBe(503);
      expect(readyMs).toBeLessThan(READY_TIMEOUT_MS + 1000);
      // Liveness does not depend on the database.
      const live = await app.http.callRoute(app.live.GET as Handler, {
        method: "GET",
        path: "/api/health/",
      });
      expect(live.status).toBe(200);

      await proxy.restore();
      const restored = performance.now();
      let attempts = 0;
      for (;;) {
        attempts += 1;
        const response = await send(listCall());
        if (response.status === 200) {
          // Nothing of what was refused was stored: still the one chat.
          const { results } = (await response.json()) as { results: { id: string }[] };
          expect(results.map((c) => c.id)).toEqual([chatId]);
          break;
        }
        expect(response.status).toBe(503);
        expect(performance.now() - restored).toBeLessThan(BACK_WITHIN_MS);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const back = performance.now() - restored;
      timings.push(
        `${outage}: first success ${Math.round(back)} ms after restore (${attempts} tries)`,
      );
      expect(back).toBeLessThan(BACK_WITHIN_MS);

      // The message refused during the outage, sent again with its id: stored once.
      expect(await messagesOfChat()).toEqual(before);
      for (let i = 0; i < 2; i++) {
        const saved = await send(messageCall(retried));
        expect(saved.status).toBe(201);
      }
      expect(await messagesOfChat()).toEqual([...before, retried]);

      const ready = await send(readyCall());
      expect(ready.status).toBe(200);
      // The assistant too: it streams, and its reply is stored.
      const reply = await send(chatbotCall());
      expect(reply.status).toBe(200);
      expect(reply.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
      await reply.text();
      await runAfterTasks();
      expect((await messagesOfChat()).length).toBe(before.length + 3);
    },
  );

  test.each<Outage>(["refuse", "close", "silent"])(
    "%s: the cache handlers' tag sync gives up within seconds, and reads again once back",
    async (outage) => {
      if (!proxy || !upstream) return;
      // lib/cache/shared-tags.cjs has a postgres.js client of its own; every page served from
      // Next's caches waits for its sync. Before db/postgres-socket.cjs, "close" held it forever.
      const require = createRequire(import.meta.url);
      const { createSharedTags } = require("../../lib/cache/shared-tags.cjs") as {
        createSharedTags: (options: { url: string }) => {
          sync(): Promise<void>;
          close(): Promise<void> | undefined;
        };
      };
      const reader = createSharedTags({ url: proxy.urlFor(upstream) });
      // sync() never rejects: a failed read is one "[cache] could not read" line.
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      const failedReads = () =>
        errors.mock.calls.filter(([line]) => String(line).startsWith("[cache] could not read"))
          .length;
      try {
        await reader.sync();
        expect(failedReads()).toBe(0);
        await proxy.cut(outage);
        // The first read may fail on a connection the cut dropped; the second must connect.
        for (const attempt of ["first", "second"]) {
          const started = performance.now();
          await reader.sync();
          const ms = performance.now() - started;
          timings.push(
            `${outage}: cache tag sync, ${attempt} read, failed after ${Math.round(ms)} ms`,
          );
          expect(ms).toBeLessThan(UNAVAILABLE_WITHIN_MS);
        }
        expect(failedReads()).toBe(2);
        await proxy.restore();
        const restored = performance.now();
        for (;;) {
          const before = failedReads();
          await reader.sync();
          if (failedReads() === before) break;
          expect(performance.now() - restored).toBeLessThan(BACK_WITHIN_MS);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        timings.push(
          `${outage}: cache tag sync read again ${Math.round(performance.now() - restored)} ms after restore`,
        );
      } finally {
        errors.mockRestore();
        await proxy.restore();
        await reader.close();
      }
    },
  );
});
