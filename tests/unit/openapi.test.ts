import { expect, test } from "vitest";
import { openApiDocument } from "@/lib/openapi";

test("the OpenAPI document lists the ten endpoints of the contract with their errors", () => {
  const doc = openApiDocument();
  expect(doc.openapi).toBe("3.1.0");
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((k) => k !== "parameters")
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(operations.sort()).toEqual(
    [
      "GET /api/chats/",
      "POST /api/chats/",
      "GET /api/chats/{id}/",
      "PATCH /api/chats/{id}/",
      "DELETE /api/chats/{id}/",
      "POST /api/chats/{id}/messages/",
      "POST /api/chats/{id}/message/",
      "POST /api/chats/{id}/share/",
      "POST /api/chats/create-with-messages/",
      "GET /api/chats/share/{share_id}/",
    ].sort(),
  );
  const schemas = doc.components.schemas as Record<
    string,
    { properties?: Record<string, unknown> }
  >;
  expect(Object.keys(schemas.Chat?.properties ?? {})).toContain("is_discoverable");
  expect(Object.keys(schemas.MessageIn?.properties ?? {}).sort()).toEqual([
    "content",
    "id",
    "is_error",
    "message_type",
  ]);
  // Every $ref points at a schema that exists.
  const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
  for (const ref of refs) expect(schemas).toHaveProperty(ref.split("/").at(-1) as string);
});
