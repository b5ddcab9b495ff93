import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createDatabase, type Server, startServer } from "./support/servers";

// Graceful shutdown (docs/operations.md): on SIGTERM a server refuses new work, lets the
// replies in flight finish within SHUTDOWN_GRACE_MS, stores what the others have, closes
// its connections and exits 0. Each test starts its own `next start` (the same build),
// signals that process alone, and reads what was stored through a server started again
// on the same database. The offline assistant, paced by AI_OFFLINE_CHUNK_DELAY_MS, is
// the slow reply.

const ERROR_REPLY = "SkillMate could not answer just now. Please try again.";
// The offline assistant's plan for this: some 60 chunks of three words.
const QUESTION = "Help me learn to swim";

type StoredMessage = { id: string; message_type: string; content: string; is_error: boolean };
type UiEvent = { type: string; delta?: string };

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** A new guest's empty chat, and the guest's cookie. */
async function newChat(baseUrl: string): Promise<{ id: string; cookie: string }> {
  const response = await fetch(`${baseUrl}/api/chats`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return { id, cookie: cookieOf(response) };
}

function postTurn(baseUrl: string, chat: { id: string; cookie: string }) {
  const assistantId = randomUUID();
  const response = fetch(`${baseUrl}/api/chatbot`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: chat.cookie },
    body: JSON.stringify({
      chat_id: chat.id,
      message: { id: randomUUID(), content: QUESTION },
      assistant_id: assistantId,
    }),
  });
  return { assistantId, response };
}

/** A reply being streamed to this client: its UI message stream events as they come. */
async function startTurn(baseUrl: string, chat: { id: string; cookie: string }) {
  const { assistantId, response: pending } = postTurn(baseUrl, chat);
  const response = await pending;
  expect(response.status).toBe(200);
  const events: UiEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  // "end" once the stream is over, or how reading it failed (the connection cut).
  const ended = (async (): Promise<string> => {
    let buffer = "";
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return "end";
        buffer += decoder.decode(value, { stream: true });
        const blocks = buffer.split("\n\n");
        buffer = blocks.pop() ?? "";
        for (const block of blocks) {
          const data = block.replace(/^data: /, "");
          if (data && data !== "[DONE]") events.push(JSON.parse(data) as UiEvent);
        }
        for (const wake of waiters) wake();
      }
    } catch (error) {
      return `failed: ${(error as Error).message}`;
    }
  })();
  return {
    assistantId,
    events,
    ended,
    text: () =>
      events
        .filter((e) => e.type === "text-delta")
        .map((e) => e.delta)
        .join(""),
    /** Resolves once an event of this type has arrived. */
    waitFor: (type: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (events.some((e) => e.type === type)) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
        void ended.then(() => {
          waiters.delete(check);
          if (!events.some((e) => e.type === type)) reject(new Error(`no ${type} event`));
        });
      }),
  };
}

/** Signals the server's process (not its group), and times how long it takes to exit. */
async function terminate(server: Server, signal: NodeJS.Signals = "SIGTERM") {
  const sentAt = performance.now();
  process.kill(server.pid, signal);
  const { code, signal: killedBy } = await server.exited;
  return { code, killedBy, ms: Math.round(performance.now() - sentAt) };
}

async function stored(baseUrl: string, chat: { id: string; cookie: string }) {
  const response = await fetch(`${baseUrl}/api/chats/${chat.id}`, {
    headers: { cookie: chat.cookie },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: StoredMessage[] }).messages;
}

test("a reply in flight that finishes within the grace period is stored whole, and the server exits 0", async () => {
  test.setTimeout(120_000);
  // The embedded database, in a directory that outlives the server: closing it on the
  // way out is part of the test.
  const dataDir = mkdtempSync(path.join(tmpdir(), "skillmate-e2e-shutdown-"));
  const env = { DATABASE_URL: "", DATA_DIR: dataDir, AI_OFFLINE_CHUNK_DELAY_MS: "40" };
  let server: Server | undefined;
  try {
    server = await startServer({ ...env, SHUTDOWN_GRACE_MS: "20000" });
    const chat = await newChat(server.url);
    const turn = await startTurn(server.url, chat);
    await turn.waitFor("text-delta");

    const exit = await terminate(server);
    console.log(`shutdown with a reply in flight: signal to exit ${exit.ms} ms`);
    expect(exit).toMatchObject({ code: 0, killedBy: null });
    // Well within the grace period: the server left as soon as the reply was stored.
    expect(exit.ms).toBeLessThan(15_000);
    // The client got the whole reply, to its end.
    expect(await turn.ended).toBe("end");
    expect(turn.events.at(-1)?.type).toBe("finish");
    expect(turn.events.some((e) => e.type === "abort")).toBe(false);
    const output = server.output();
    expect(output).toContain("[shutdown] SIGTERM: refusing new work");
    expect(output).toContain("every reply finished and was stored");
    expect(output).toContain("[shutdown] database pool closed");
    expect(output).toContain("[shutdown] exiting with 0");
    // No conversation text in the logs.
    expect(output).not.toContain(QUESTION);

    // Again on the same data (stop() on the exited server only removes its temp dir).
    await server.stop();
    server = await startServer(env);
    const messages = await stored(server.url, chat);
    expect(messages.map((m) => [m.message_type, m.content, m.is_error])).toEqual([
      ["user", QUESTION, false],
      ["assistant", turn.text(), false],
    ]);
    expect(turn.text().length).toBeGreaterThan(500);
    expect(messages[1]?.id).toBe(turn.assistantId);
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("past a short grace period, replies are stopped and stored as they stand: the partial text, or the retryable error", async () => {
  test.setTimeout(150_000);
  const db = await createDatabase();
  // A chunk a second: the replies are nowhere near done when the grace period ends.
  const env = { DATABASE_URL: db.url, AI_OFFLINE_CHUNK_DELAY_MS: "1000" };
  let server: Server | undefined;
  try {
    server = await startServer({ ...env, SHUTDOWN_GRACE_MS: "300" });
    // One reply with its first words out, and one that has not produced any yet.
    const started = await newChat(server.url);
    const early = await startTurn(server.url, started);
    await early.waitFor("text-delta");
    const waiting = await newChat(server.url);
    const late = await startTurn(server.url, waiting);
    await late.waitFor("start");
    expect(late.text()).toBe("");

    const exit = await terminate(server);
    console.log(`shutdown past a 300 ms grace period: signal to exit ${exit.ms} ms`);
    expect(exit).toMatchObject({ code: 0, killedBy: null });
    expect(exit.ms).toBeLessThan(5_000);
    const output = server.output();
    expect(output).toContain("2 replies in flight, grace period 300 ms");
    expect(output).toContain("stopped 2, storing what they have");
    expect(output).toContain("stopped replies stored");
    expect(output).toContain("[shutdown] exiting with 0");
    // Both streams ended, as when the person presses Stop.
    expect(await early.ended).toBe("end");
    expect(await late.ended).toBe("end");
    const partial = early.text();
    expect(partial.length).toBeGreaterThan(0);

    await server.stop();
    server = await startServer(env);
    const first = await stored(server.url, started);
    expect(first.map((m) => [m.message_type, m.is_error])).toEqual([
      ["user", false],
      ["assistant", false],
    ]);
    // What was produced before the stop (the client may have missed the very last chunk).
    const kept = first[1]?.content ?? "";
    expect(kept.startsWith(partial)).toBe(true);
    expect(kept.length).toBeLessThan(200);
    const second = await stored(server.url, waiting);
    expect(second.map((m) => [m.message_type, m.content, m.is_error])).toEqual([
      ["user", QUESTION, false],
      ["assistant", ERROR_REPLY, true],
    ]);
    expect(second[1]?.id).toBe(late.assistantId);

    // With nothing in flight, a shutdown takes no longer than closing the connections.
    const idle = await terminate(server);
    console.log(`shutdown with nothing in flight: signal to exit ${idle.ms} ms`);
    expect(idle).toMatchObject({ code: 0, killedBy: null });
    expect(idle.ms).toBeLessThan(3_000);
    expect(server.output()).toContain("0 replies in flight");
  } finally {
    await server?.stop();
    await db.drop();
  }
});

test("while shutting down, new writes and turns get 503 unavailable, reads still work, and a second signal exits at once", async () => {
  test.setTimeout(120_000);
  let server: Server | undefined;
  try {
    server = await startServer({ DATABASE_URL: "", AI_OFFLINE_CHUNK_DELAY_MS: "300" });
    const chat = await newChat(server.url);
    const turn = await startTurn(server.url, chat);
    await turn.waitFor("text-delta");
    const signalledAt = performance.now();
    process.kill(server.pid, "SIGTERM");
    await expect
      .poll(async () => (await fetch(`${server?.url}/api/health/ready`)).status)
      .toBe(503);

    const refused = [
      await fetch(`${server.url}/api/chats`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: chat.cookie },
        body: "{}",
      }),
      await postTurn(server.url, chat).response,
    ];
    for (const response of refused) {
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code).toBe("unavailable");
    }
    // Reads are still served, the liveness check too.
    expect((await stored(server.url, chat)).map((m) => m.content)).toEqual([QUESTION]);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

    // The reply is still streaming (some 18 s at this pace): a second signal, past the
    // first second (a repeat within it counts as the same one), ends the process now.
    const sinceFirst = performance.now() - signalledAt;
    if (sinceFirst < 1_200) await new Promise((r) => setTimeout(r, 1_200 - sinceFirst));
    const exit = await terminate(server);
    console.log(`second SIGTERM: signal to exit ${exit.ms} ms`);
    expect(exit).toMatchObject({ code: 143, killedBy: null });
    expect(exit.ms).toBeLessThan(1_000);
    expect(server.output()).toContain("[shutdown] SIGTERM again: exiting now");
    expect(await turn.ended).not.toBe("end");
  } finally {
    await server?.stop();
  }
});
