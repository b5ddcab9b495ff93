// What may be logged of an error. Conversation text must never reach the logs, and
// errors carry it: the AI SDK's APICallError holds the request body (every message sent
// to the model) and the response body, and drizzle's query errors put the query's
// parameters (message contents) in their message. Only names, codes, statuses and the
// database's own message are kept.

type Loose = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  statusCode?: unknown;
  cause?: unknown;
  stack?: unknown;
};

const MAX_MESSAGE = 300;

function describeOne(error: Loose): string {
  const parts = [typeof error.name === "string" ? error.name : "Error"];
  if (typeof error.code === "string") parts.push(`code=${error.code}`);
  if (typeof error.statusCode === "number") parts.push(`status=${error.statusCode}`);
  // A drizzle query error's own message is the query with its parameters: skip it and
  // keep its cause (the database's message), which names constraints, not contents.
  const wrapsQuery =
    error.name === "DrizzleQueryError" || /^Failed query:/.test(String(error.message));
  if (!wrapsQuery && typeof error.message === "string") {
    parts.push(error.message.slice(0, MAX_MESSAGE));
  }
  return parts.join(" ");
}

/** A one-line description of an error (and its causes) that holds no user content. */
export function safeErrorSummary(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current !== "object") {
      lines.push(typeof current);
      break;
    }
    lines.push(describeOne(current as Loose));
    current = (current as Loose).cause;
  }
  const stack = (error as Loose | null)?.stack;
  const frames =
    typeof stack === "string"
      ? stack
          .split("\n")
          // Frames only: an error's message (and so the stack's head) may hold content.
          .filter((line) => /^\s+at .*:\d+:\d+\)?$/.test(line))
          .slice(0, 6)
          .join("\n")
      : "";
  return [lines.join(" <- caused by "), frames].filter(Boolean).join("\n");
}

/** safeErrorSummary without the stack frames: for a log line that must stay one line. */
export function safeErrorLine(error: unknown): string {
  return safeErrorSummary(error).split("\n")[0] ?? "";
}
