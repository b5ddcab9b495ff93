// Single chatbot turns against a real server, in the two ways a reply can fail to end
// (issue 10, items 5 and 6): the server killed with SIGKILL while it streams, and a
// provider that accepts the connection and never answers.
import { randomUUID } from "node:crypto";
import type { NextServer } from "../../tests/support/next-server";
import type { HangingServer } from "./hanging-server";
import {
  type ChatDetail,
  type Guest,
  getChat,
  jsonInit,
  newGuestChat,
  parseReplyStream,
  waitFor,
} from "./http";
import { killServerHard } from "./kill-server";

const ERROR_REPLY = "SkillMate could not answer just now. Please try again.";

export type Check = { name: string; ok: boolean; detail: string };

const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });

/** One turn, its stream read to the end. */
async function chatbotTurn(baseUrl: string, guest: Guest, body: Record<string, unknown>) {
  const response = await fetch(
    `${baseUrl}/api/chatbot/`,
    jsonInit("POST", guest.cookie, { chat_id: guest.chatId, ...body }),
  );
  const text = await response.text();
  return { status: response.status, stream: parseReplyStream(text), raw: text };
}

/** Polls the chat (as its owner) until `ready` holds; the last state read either way. */
async function chatWhen(
  baseUrl: string,
  guest: Guest,
  ready: (chat: ChatDetail) => boolean,
  timeoutMs: number,
) {
  let last: ChatDetail | null = null;
  const ok = await waitFor(
    async () => {
      last = await getChat(baseUrl, guest);
      return ready(last);
    },
    { timeoutMs, everyMs: 100 },
  );
  return { ok, chat: last as ChatDetail | null };
}

const describeChat = (chat: ChatDetail | null) =>
  chat
    ? `message_count ${chat.message_count}: ${
        chat.messages.map((m) => `${m.message_type}${m.is_error ? " (error)" : ""}`).join(", ") ||
        "no messages"
      }`
    : "unreadable";

export type KillResult = {
  checks: Check[];
  deltasBeforeKill: number;
  /** From SIGKILL to the new server answering. */
  restartS: number;
  stateAfter: string;
  server: NextServer;
};

/**
 * Starts a turn on `server` (a slow offline reply), kills the server's process group
 * with SIGKILL after a few chunks, starts `startServer()` on the same database, and reads
 * the chat: the user's message once, no reply, counts right; then a Retry (no message,
 * a new assistant id) stores a reply.
 */
export async function killDuringStream({
  server,
  startServer,
}: {
  server: NextServer;
  startServer: () => Promise<NextServer>;
}): Promise<KillResult> {
  const guest = await newGuestChat(server.url, "faults kill -9");
  const userId = randomUUID();
  const assistantId = randomUUID();
  const content = "[faults kill] How do I learn to juggle?";
  const response = await fetch(
    `${server.url}/api/chatbot/`,
    jsonInit("POST", guest.cookie, {
      chat_id: guest.chatId,
      message: { id: userId, content },
      assistant_id: assistantId,
    }),
  );
  if (!response.ok || !response.body) {
    throw new Error(`the turn to kill answered ${response.status}: ${await response.text()}`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = "";
  let deltasBeforeKill = 0;
  while (deltasBeforeKill < 5) {
    const { done, value } = await reader.read();
    if (done) throw new Error("the reply ended before the kill: slow the offline assistant");
    received += decoder.decode(value, { stream: true });
    deltasBeforeKill = parseReplyStream(received).deltas;
  }
  await killServerHard(server.url);
  const killedAt = performance.now();
  // The client sees the connection drop.
  const cut = await reader.read().then(
    (r) => (r.done ? "ended" : "more data"),
    () => "connection error",
  );
  await server.stop();

  const next = await startServer();
  const restartS = (performance.now() - killedAt) / 1000;
  const after = await getChat(next.url, guest);
  const checks: Check[] = [
    check("client saw the stream cut", cut !== "more data", cut),
    check(
      "user message stored once",
      after.messages.filter((m) => m.id === userId && m.content === content).length === 1,
      describeChat(after),
    ),
    check(
      "no half-stored reply",
      !after.messages.some((m) => m.id === assistantId),
      describeChat(after),
    ),
    check(
      "message_count matches the messages",
      after.message_count === after.messages.length,
      `${after.message_count} vs ${after.messages.length}`,
    ),
  ];

  // Retry of the interrupted turn: no message, a new assistant id.
  const retryId = randomUUID();
  const retry = await chatbotTurn(next.url, guest, { assistant_id: retryId });
  const stored = await chatWhen(
    next.url,
    guest,
    (chat) => chat.messages.some((m) => m.id === retryId && !m.is_error),
    10_000,
  );
  checks.push(
    check(
      "Retry after the restart stores a reply",
      retry.status === 200 &&
        stored.ok &&
        stored.chat?.message_count === 2 &&
        stored.chat.messages.length === 2,
      `POST ${retry.status}; ${describeChat(stored.chat)}`,
    ),
  );
  return { checks, deltasBeforeKill, restartS, stateAfter: describeChat(after), server: next };
}

export type HungResult = {
  checks: Check[];
  /** From the POST to the end of the reply stream. */
  streamEndS: number;
  /** From the POST to the error reply being readable in the chat. */
  storedS: number;
};

/**
 * A turn on `server`, whose provider is `hanging` (hanging now): the stream ends with
 * the error and the chat holds a stored error reply, both within AI_TIMEOUT_MS and a
 * margin; then, with the provider forwarded to `providerPort`, a Retry replaces it.
 */
export async function hungProviderTurn({
  server,
  hanging,
  providerPort,
  timeoutMs,
  marginMs,
}: {
  server: NextServer;
  hanging: HangingServer;
  providerPort: number;
  timeoutMs: number;
  marginMs: number;
}): Promise<HungResult> {
  hanging.forwardTo(null);
  const guest = await newGuestChat(server.url, "faults hung provider");
  const userId = randomUUID();
  const assistantId = randomUUID();
  const acceptedBefore = hanging.accepted();
  const started = performance.now();
  const turn = await chatbotTurn(server.url, guest, {
    message: { id: userId, content: "[faults hung] How do I learn to sail?" },
    assistant_id: assistantId,
  });
  const streamEndS = (performance.now() - started) / 1000;
  const stored = await chatWhen(
    server.url,
    guest,
    (chat) => chat.messages.some((m) => m.id === assistantId),
    timeoutMs + marginMs,
  );
  const storedS = (performance.now() - started) / 1000;
  const reply = stored.chat?.messages.find((m) => m.id === assistantId);
  const checks: Check[] = [
    check(
      "the provider was called (and hung)",
      hanging.accepted() > acceptedBefore,
      `${hanging.accepted() - acceptedBefore} connection(s)`,
    ),
    check(
      "stream ends with the error reply",
      turn.status === 200 && turn.stream.errorText === ERROR_REPLY,
      `POST ${turn.status}, error part: ${turn.stream.errorText ?? "none"}`,
    ),
    check(
      `error reply stored within AI_TIMEOUT_MS + ${marginMs / 1000} s`,
      stored.ok &&
        reply?.is_error === true &&
        reply.content === ERROR_REPLY &&
        storedS * 1000 >= timeoutMs - 100 &&
        storedS * 1000 <= timeoutMs + marginMs,
      `${storedS.toFixed(2)} s; ${describeChat(stored.chat)}`,
    ),
  ];

  hanging.forwardTo(providerPort);
  const retryId = randomUUID();
  const retry = await chatbotTurn(server.url, guest, {
    assistant_id: retryId,
    retry_of: assistantId,
  });
  const replaced = await chatWhen(
    server.url,
    guest,
    (chat) =>
      chat.messages.some((m) => m.id === retryId && !m.is_error) &&
      !chat.messages.some((m) => m.id === assistantId),
    10_000,
  );
  checks.push(
    check(
      "Retry replaces the error reply",
      retry.status === 200 && replaced.ok && replaced.chat?.message_count === 2,
      `POST ${retry.status}; ${describeChat(replaced.chat)}`,
    ),
  );
  return { checks, streamEndS, storedS };
}
