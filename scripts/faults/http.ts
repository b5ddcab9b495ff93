// How the fault run talks to `next start`: as a well-behaved client would, over plain
// fetch. A request that fails on the network, times out, or answers 5xx (503
// `unavailable` once the outage mapping is in; 500 before it) is sent again with the
// same body, so the same client-chosen ids, honouring Retry-After up to a cap.

export type Guest = { chatId: string; cookie: string };

/** What one logical request went through before it succeeded (or was given up). */
export type Attempts = {
  /**
   * The attempts that failed: the status and the error code it carried, or "network"
   * and why for a fetch that threw or timed out; and when (performance.now()).
   */
  failures: { status: string; at: number }[];
  response: Response | null;
  /** When the response's status arrived (performance.now()), before its body was read. */
  answeredAt: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After (seconds) as milliseconds, capped: the writers must keep the load up. */
function retryDelayMs(response: Response | null, capMs: number, attempt: number): number {
  const header = Number(response?.headers.get("retry-after"));
  const backoff = Math.min(100 * 2 ** attempt, capMs);
  return Number.isFinite(header) && header > 0 ? Math.min(header * 1000, capMs) : backoff;
}

function errorCode(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? "(no code)";
  } catch {
    return "(not JSON)";
  }
}

/** "timeout", or the socket error's code under fetch's "fetch failed". */
function networkCause(error: unknown): string {
  const { name, cause } = error as { name?: string; cause?: { code?: string } };
  if (name === "TimeoutError") return "timeout";
  return cause?.code ?? name ?? "error";
}

export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/**
 * Sends `init` until it answers below 500, or `giveUpAt` (ms, performance.now()) passes.
 * A 4xx is an answer too: the caller decides what it means.
 */
export async function sendWithRetry(
  url: string,
  init: RequestInit,
  {
    giveUpAt,
    timeoutMs = 15_000,
    retryCapMs = 1_000,
    read = false,
  }: {
    giveUpAt: number;
    timeoutMs?: number;
    retryCapMs?: number;
    /** Read the body within the same timeout, so that a stream cut part-way is retried too. */
    read?: boolean;
  },
): Promise<Attempts & { body: string }> {
  const failures: Attempts["failures"] = [];
  for (let attempt = 0; ; attempt++) {
    let response: Response | null = null;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      const answeredAt = performance.now();
      if (response.status < 500) {
        const body = read || !response.ok ? await response.text() : "";
        return { failures, response, answeredAt, body };
      }
      // The contract's error code with the status: "503 unavailable", "500 internal_error".
      const text = await response.text().catch(() => "");
      failures.push({ status: `${response.status} ${errorCode(text)}`, at: answeredAt });
    } catch (error) {
      failures.push({ status: `network ${networkCause(error)}`, at: performance.now() });
    }
    if (performance.now() > giveUpAt) {
      return { failures, response: null, answeredAt: performance.now(), body: "" };
    }
    await sleep(retryDelayMs(response, retryCapMs, attempt));
  }
}

export function jsonInit(method: string, cookie: string | undefined, body?: unknown): RequestInit {
  return {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(cookie ? { cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** A new guest with a chat of its own (POST /api/chats sets the guest cookie). */
export async function newGuestChat(baseUrl: string, title: string): Promise<Guest> {
  const response = await fetch(`${baseUrl}/api/chats/`, jsonInit("POST", undefined, { title }));
  if (response.status !== 201) {
    throw new Error(`POST /api/chats/: ${response.status} ${await response.text()}`);
  }
  const chat = (await response.json()) as { id: string };
  return { chatId: chat.id, cookie: cookieOf(response) };
}

export type StoredMessage = {
  id: string;
  message_type: "user" | "assistant";
  content: string;
  is_error: boolean;
};
export type ChatDetail = { id: string; message_count: number; messages: StoredMessage[] };

export async function getChat(baseUrl: string, guest: Guest): Promise<ChatDetail> {
  const response = await fetch(`${baseUrl}/api/chats/${guest.chatId}/`, {
    headers: { cookie: guest.cookie },
  });
  if (response.status !== 200) {
    throw new Error(`GET /api/chats/${guest.chatId}/: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as ChatDetail;
}

/** What a chatbot reply stream (AI SDK UI message stream, SSE) carried. */
export type StreamSummary = {
  deltas: number;
  text: string;
  finished: boolean;
  errorText: string | null;
  aborted: boolean;
};

export function parseReplyStream(body: string): StreamSummary {
  const summary: StreamSummary = {
    deltas: 0,
    text: "",
    finished: false,
    errorText: null,
    aborted: false,
  };
  for (const line of body.split("\n")) {
    if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
    let part: { type?: string; delta?: string; errorText?: string };
    try {
      part = JSON.parse(line.slice("data: ".length));
    } catch {
      continue;
    }
    if (part.type === "text-delta") {
      summary.deltas++;
      summary.text += part.delta ?? "";
    } else if (part.type === "finish") summary.finished = true;
    else if (part.type === "error") summary.errorText = part.errorText ?? "";
    else if (part.type === "abort") summary.aborted = true;
  }
  return summary;
}

/** Polls `check` until it answers true or `timeoutMs` passes; answers whether it did. */
export async function waitFor(
  check: () => Promise<boolean>,
  { timeoutMs, everyMs = 100 }: { timeoutMs: number; everyMs?: number },
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return true;
    } catch {
      // not yet
    }
    if (performance.now() > deadline) return false;
    await sleep(everyMs);
  }
}
