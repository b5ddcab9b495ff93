// What db/ throws besides the driver's own errors. It knows nothing of HTTP: the layers
// above map these (lib/chats/writes.ts turns them into the contract's errors).

/**
 * A message id that is already stored in another chat. Ids are global (clients make
 * them), so a batch that reuses one is refused whole, inside its transaction.
 */
export class MessageIdTakenError extends Error {
  constructor(readonly messageId: string) {
    super(`message ${messageId} already belongs to another chat`);
    this.name = "MessageIdTakenError";
  }
}

/** A chat id a client chose that is already another owner's chat. */
export class ChatIdTakenError extends Error {
  constructor(readonly chatId: string) {
    super(`chat ${chatId} already exists`);
    this.name = "ChatIdTakenError";
  }
}

// "The database cannot be reached, or is going away": a failure of the connection, not
// of the statement, so the same request can succeed once the server is back. Codes as
// the drivers set them (checked against PostgreSQL 15 and postgres.js 3.4,
// tests/unit/db-unavailable.test.ts); drizzle wraps each in a DrizzleQueryError whose
// `cause` is the driver's error.

/** Node's socket and DNS errors (`error.code`), as postgres.js passes them on. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** postgres.js's own connection errors. */
const DRIVER_CODES = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/**
 * SQLSTATEs of a server that is shutting down or not accepting connections: 57P01
 * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, shutting
 * down, in recovery), 53300 too_many_connections; and class 08, connection exception.
 */
const SERVER_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;

/** PGlite's errors once it is closed (the process is shutting down). */
const PGLITE_CLOSED = new Set(["PGlite is closed", "PGlite is closing"]);

function isUnavailableOne(error: object): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (SOCKET_CODES.has(code) || DRIVER_CODES.has(code) || SERVER_STATES.has(code)) return true;
    if (CONNECTION_EXCEPTION.test(code)) return true;
  }
  return typeof message === "string" && PGLITE_CLOSED.has(message);
}

/**
 * An error and the errors behind it: its `cause` chain (drizzle wraps the driver's
 * error) and an AggregateError's `errors` (Node's connection attempts to several
 * addresses), breadth first, each once, at most 10.
 */
export function* errorChain(error: unknown): Generator<object> {
  const pending: unknown[] = [error];
  const seen = new Set<unknown>();
  while (pending.length > 0 && seen.size < 10) {
    const current = pending.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    yield current;
    const { cause, errors } = current as { cause?: unknown; errors?: unknown };
    pending.push(cause);
    if (Array.isArray(errors)) pending.push(...errors);
  }
}

/**
 * Whether an error means the database is unreachable or going away (down, restarting,
 * refusing connections), on the error or any error behind it.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return [...errorChain(error)].some(isUnavailableOne);
}
