import { AppError } from "@/lib/errors";

export type ChatCursor = { updatedAt: Date; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Opaque to clients. updated_at is stored with millisecond precision, so the ISO string
// of a Date carries all of it and no row within the same millisecond is skipped.
export function encodeCursor({ updatedAt, id }: ChatCursor): string {
  return Buffer.from(JSON.stringify([updatedAt.toISOString(), id])).toString("base64url");
}

export function decodeCursor(cursor: string): ChatCursor {
  try {
    const [iso, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const updatedAt = new Date(String(iso));
    if (
      typeof iso === "string" &&
      typeof id === "string" &&
      UUID.test(id) &&
      !Number.isNaN(updatedAt.getTime())
    ) {
      return { updatedAt, id };
    }
  } catch {
    // falls through to the error below
  }
  throw invalidCursor();
}

const invalidCursor = () =>
  new AppError("validation_error", "The cursor is not valid.", {
    issues: [{ path: "cursor", message: "Use the next_cursor of a previous page." }],
  });

/** Where a page of search results ends (db/queries/chat-search.ts): opaque to clients. */
export type SearchCursor = { rank: number; id: string };

export function encodeSearchCursor({ rank, id }: SearchCursor): string {
  return Buffer.from(JSON.stringify([rank, id])).toString("base64url");
}

export function decodeSearchCursor(cursor: string): SearchCursor {
  try {
    const [rank, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (
      typeof rank === "number" &&
      Number.isFinite(rank) &&
      typeof id === "string" &&
      UUID.test(id)
    )
      return { rank, id };
  } catch {
    // falls through to the error below
  }
  throw invalidCursor();
}
