import { expect, test } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/chats/cursor";
import { AppError } from "@/lib/errors";

test("a cursor round-trips with millisecond precision", () => {
  const cursor = { updatedAt: new Date("2026-11-23T10:11:12.345Z"), id: crypto.randomUUID() };
  const encoded = encodeCursor(cursor);
  expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(decodeCursor(encoded)).toEqual(cursor);
});

test.each([
  "",
  "%%%",
  "bm90IGpzb24",
  Buffer.from('["x","y"]').toString("base64url"),
  Buffer.from('["2026-01-01T00:00:00Z","not-a-uuid"]').toString("base64url"),
])("%j is a validation error", (cursor) => {
  expect(() => decodeCursor(cursor)).toThrow(AppError);
});
