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
  throw new AppError("validation_error", "The cursor is not valid.", {
    issues: [{ path: "cursor", message: "Use the next_cursor of a previous page." }],
  });
}
