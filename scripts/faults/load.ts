// Concurrent writers against `next start` while PostgreSQL restarts (issue 10, item 7).
// API writers post messages with client-chosen ids (`/messages/` batches and single
// `/message/` posts, in turn); chatbot writers run whole turns (`POST /api/chatbot`, the
// stream read to its end). Every writer retries a request that fails on the network or
// with 5xx with the same body, so the same ids; an id counts as acknowledged once a 2xx
// carried it. Afterwards the database is read directly and compared.
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import {
  type Guest,
  jsonInit,
  newGuestChat,
  parseReplyStream,
  sendWithRetry,
  waitFor,
} from "./http";

/** Every message content a writer sends starts with this and is unique in the run. */
const MARK = "[faults";

export type LoadOptions = {
  baseUrl: string;
  databaseUrl: string;
  apiWriters: number;
  chatbotWriters: number;
  durationMs: number;
  /** When the restart starts, from the start of the load; no restart without `restart`. */
  restartAtMs: number;
  restart: (() => Promise<{ startedAt: number; returnedAt: number }>) | null;
  /** How long past the end a writer keeps retrying a request before giving up on it. */
  graceMs: number;
  /** Pause between one writer's requests, so that the two cores also run the streams. */
  thinkMs: number;
};

type Turn = {
  chatId: string;
  userId: string;
  assistantId: string;
  completed: boolean;
  /** The reply as the stream delivered it. */
  text: string;
  /** When the stream had been read to its end (performance.now()). */
  endedAt: number;
};

export type LoadResult = {
  durationS: number;
  requests: number;
  attempts: number;
  /** Failed attempts by status ("network" for a fetch that threw or timed out). */
  failures: Record<string, number>;
  /** 4xx answers and requests given up after the grace period: each one a failed check. */
  unexpected: string[];
  acknowledged: number;
  lost: number;
  duplicated: number;
  storedUnacknowledged: number;
  turns: number;
  turnsCompleted: number;
  repliesStored: number;
  repliesMissing: number;
  /** When the streams of the turns whose reply is missing ended, in seconds after the
   * restart started (after the load started, without a restart). */
  missingRepliesEndedS: number[];
  /** Stored replies whose text is not the one the client's stream delivered. */
  repliesDiffering: number;
  countMismatches: number;
  /** Why the restart failed, when it did. */
  restartError: string | null;
  restart: null | {
    commandS: number;
    /** From the restart command's return to the first 2xx received after it. */
    firstSuccessAfterS: number | null;
    /** The first and the last failed attempt, in seconds after the restart started. */
    failuresFromS: number | null;
    failuresToS: number | null;
    /** Failed attempts after the restart command returned. */
    failedAfterReturn: number;
    /** The longest time between two 2xx answers, over the whole load. */
    longestWithoutSuccessS: number;
    /** Completed chatbot turns whose stream ended while attempts were failing. */
    turnsEndedInOutage: number;
  };
};

class Recorder {
  acknowledged = new Map<string, string>();
  turns: Turn[] = [];
  failures: Record<string, number> = {};
  failureTimes: number[] = [];
  successTimes: number[] = [];
  unexpected: string[] = [];
  requests = 0;
  attempts = 0;

  record(label: string, result: Awaited<ReturnType<typeof sendWithRetry>>): boolean {
    this.requests++;
    this.attempts += result.failures.length + (result.response ? 1 : 0);
    for (const { status, at } of result.failures) {
      this.failures[status] = (this.failures[status] ?? 0) + 1;
      this.failureTimes.push(at);
    }
    if (!result.response) {
      this.unexpected.push(`${label}: given up after ${result.failures.length} attempts`);
      return false;
    }
    if (!result.response.ok) {
      this.unexpected.push(`${label}: ${result.response.status} ${result.body.slice(0, 200)}`);
      return false;
    }
    this.successTimes.push(result.answeredAt);
    return true;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function apiWriter(
  index: number,
  guest: Guest,
  options: LoadOptions,
  end: number,
  recorder: Recorder,
) {
  const giveUpAt = end + options.graceMs;
  for (let n = 0; performance.now() < end; n++) {
    const batch = n % 2 === 0;
    const messages = batch
      ? [
          { id: randomUUID(), message_type: "user", content: `${MARK} api ${index} #${n} q]` },
          { id: randomUUID(), message_type: "assistant", content: `${MARK} api ${index} #${n} a]` },
        ]
      : [{ id: randomUUID(), message_type: "user", content: `${MARK} api ${index} #${n}]` }];
    const path = batch
      ? `/api/chats/${guest.chatId}/messages/`
      : `/api/chats/${guest.chatId}/message/`;
    const result = await sendWithRetry(
      `${options.baseUrl}${path}`,
      jsonInit("POST", guest.cookie, batch ? { messages } : messages[0]),
      { giveUpAt },
    );
    if (recorder.record(`POST ${path}`, result)) {
      for (const m of messages) recorder.acknowledged.set(m.id, m.content);
    }
    await sleep(options.thinkMs);
  }
}

async function chatbotWriter(
  index: number,
  guest: Guest,
  options: LoadOptions,
  end: number,
  recorder: Recorder,
) {
  const giveUpAt = end + options.graceMs;
  for (let n = 0; performance.now() < end; n++) {
    const userId = randomUUID();
    const assistantId = randomUUID();
    const content = `${MARK} chatbot ${index} #${n}] How do I learn the guitar?`;
    const result = await sendWithRetry(
      `${options.baseUrl}/api/chatbot/`,
      jsonInit("POST", guest.cookie, {
        chat_id: guest.chatId,
        message: { id: userId, content },
        assistant_id: assistantId,
      }),
      { giveUpAt, read: true, timeoutMs: 60_000 },
    );
    if (!recorder.record("POST /api/chatbot/", result)) continue;
    // The user's message is stored before the stream starts: a 2xx acknowledges it.
    recorder.acknowledged.set(userId, content);
    const endedAt = performance.now();
    const stream = parseReplyStream(result.body);
    const completed = stream.finished && !stream.errorText && !stream.aborted;
    const turn: Turn = {
      chatId: guest.chatId,
      userId,
      assistantId,
      completed,
      text: stream.text,
      endedAt,
    };
    recorder.turns.push(turn);
    await sleep(options.thinkMs);
  }
}

export async function runLoadWithRestart(options: LoadOptions): Promise<LoadResult> {
  // The writers' chats are made first, with the database up: a chat id is the server's.
  const guests = await Promise.all(
    Array.from({ length: options.apiWriters + options.chatbotWriters }, (_, i) =>
      newGuestChat(options.baseUrl, `faults writer ${i}`),
    ),
  );
  const recorder = new Recorder();
  const started = performance.now();
  const end = started + options.durationMs;

  let restartTimes: { startedAt: number; returnedAt: number } | null = null;
  let restartError: string | null = null;
  const restartDatabase = options.restart;
  // A failed restart is reported, and the writers still run to their end.
  const restart = restartDatabase
    ? sleep(options.restartAtMs)
        .then(restartDatabase)
        .then(
          (times) => {
            restartTimes = times;
          },
          (error: unknown) => {
            restartError = String(error);
          },
        )
    : Promise.resolve();

  await Promise.all([
    ...guests
      .slice(0, options.apiWriters)
      .map((guest, i) => apiWriter(i, guest, options, end, recorder)),
    ...guests
      .slice(options.apiWriters)
      .map((guest, i) => chatbotWriter(i, guest, options, end, recorder)),
    restart,
  ]);
  const durationS = (performance.now() - started) / 1000;

  const { missingReplies, ...verified } = await verify(options.databaseUrl, guests, recorder);
  const restartAt = (restartTimes as { startedAt: number } | null)?.startedAt ?? started;
  return {
    durationS,
    requests: recorder.requests,
    attempts: recorder.attempts,
    failures: recorder.failures,
    unexpected: recorder.unexpected,
    acknowledged: recorder.acknowledged.size,
    ...verified,
    repliesMissing: missingReplies.length,
    missingRepliesEndedS: missingReplies.map((t) => (t.endedAt - restartAt) / 1000),
    turns: recorder.turns.length,
    turnsCompleted: recorder.turns.filter((t) => t.completed).length,
    restart: restartSummary(restartTimes, recorder),
    restartError,
  };
}

function restartSummary(
  times: { startedAt: number; returnedAt: number } | null,
  recorder: Recorder,
): LoadResult["restart"] {
  if (!times) return null;
  const successes = [...recorder.successTimes].sort((a, b) => a - b);
  const firstAfter = successes.find((t) => t >= times.returnedAt);
  const failed = recorder.failureTimes.filter((t) => t >= times.startedAt).sort((a, b) => a - b);
  const firstFailure = failed[0];
  const lastFailure = failed.at(-1);
  let longestGap = 0;
  for (let i = 1; i < successes.length; i++) {
    longestGap = Math.max(longestGap, (successes[i] as number) - (successes[i - 1] as number));
  }
  const sinceStart = (t: number | undefined) =>
    t === undefined ? null : (t - times.startedAt) / 1000;
  return {
    commandS: (times.returnedAt - times.startedAt) / 1000,
    firstSuccessAfterS: firstAfter === undefined ? null : (firstAfter - times.returnedAt) / 1000,
    failuresFromS: sinceStart(firstFailure),
    failuresToS: sinceStart(lastFailure),
    failedAfterReturn: failed.filter((t) => t > times.returnedAt).length,
    longestWithoutSuccessS: longestGap / 1000,
    turnsEndedInOutage:
      firstFailure === undefined || lastFailure === undefined
        ? 0
        : recorder.turns.filter(
            (t) => t.completed && t.endedAt >= firstFailure && t.endedAt <= lastFailure,
          ).length,
  };
}

async function verify(databaseUrl: string, guests: Guest[], recorder: Recorder) {
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  try {
    const chatIds = guests.map((g) => g.chatId);
    const completed = recorder.turns.filter((t) => t.completed);
    // Replies are stored once their stream has ended (after the response): wait for them.
    const storedReplies = async () => {
      const ids = completed.map((t) => t.assistantId);
      const rows = await sql<{ id: string }[]>`
        select id from chats_chatmessage
        where id = any(${ids}::uuid[]) and message_type = 'assistant' and not is_error`;
      return rows.length;
    };
    await waitFor(async () => (await storedReplies()) === completed.length, {
      timeoutMs: 10_000,
      everyMs: 250,
    });
    const rows = await sql<{ id: string; chat_id: string; content: string }[]>`
      select id, chat_id, content from chats_chatmessage where chat_id = any(${chatIds}::uuid[])`;
    const idCounts = new Map<string, number>();
    const contentCounts = new Map<string, number>();
    for (const row of rows) {
      idCounts.set(row.id, (idCounts.get(row.id) ?? 0) + 1);
      // Replies may repeat themselves; what a writer sent is unique by construction.
      if (row.content.startsWith(MARK)) {
        const key = `${row.chat_id} ${row.content}`;
        contentCounts.set(key, (contentCounts.get(key) ?? 0) + 1);
      }
    }
    const mismatches = await sql<{ id: string }[]>`
      select c.id from chats_chat c
      where c.id = any(${chatIds}::uuid[])
        and c.message_count <> (select count(*) from chats_chatmessage m where m.chat_id = c.id)`;
    const replies = new Map(
      (
        await sql<{ id: string; content: string; is_error: boolean }[]>`
          select id, content, is_error from chats_chatmessage
          where id = any(${completed.map((t) => t.assistantId)}::uuid[])`
      ).map((r) => [r.id, r]),
    );
    const missing = completed.filter((t) => {
      const reply = replies.get(t.assistantId);
      return !reply || reply.is_error;
    });
    const repliesDiffering = completed.filter((t) => {
      const reply = replies.get(t.assistantId);
      return reply && !reply.is_error && reply.content !== t.text;
    }).length;
    return {
      lost: [...recorder.acknowledged.keys()].filter((id) => !idCounts.has(id)).length,
      duplicated:
        [...idCounts.values()].filter((n) => n > 1).length +
        [...contentCounts.values()].filter((n) => n > 1).length,
      storedUnacknowledged: rows.filter(
        (r) => r.content.startsWith(MARK) && !recorder.acknowledged.has(r.id),
      ).length,
      repliesStored: completed.length - missing.length,
      missingReplies: missing,
      repliesDiffering,
      countMismatches: mismatches.length,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
