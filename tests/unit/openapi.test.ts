import Ajv2020 from "ajv/dist/2020";
import { expect, test } from "vitest";
import { openApiDocument } from "@/lib/openapi";

test("every schema of the document compiles as JSON Schema 2020-12 (Ajv)", () => {
  const doc = openApiDocument();
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  ajv.addSchema({ $id: "doc", components: doc.components });
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    expect(JSON.stringify(schema), name).not.toContain('"$id"');
    expect(() => ajv.compile({ $ref: `doc#/components/schemas/${name}` }), name).not.toThrow();
  }
  // And a real chat object validates against its schema.
  const validate = ajv.compile({ $ref: "doc#/components/schemas/Chat" });
  const chat = {
    id: crypto.randomUUID(),
    title: "t",
    share_id: "abcdefghijklmnopqrstuv",
    is_shared: false,
    is_discoverable: false,
    share_url: null,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    message_count: 0,
  };
  expect(validate(chat), JSON.stringify(validate.errors)).toBe(true);
  expect(validate({ ...chat, message_count: -1 })).toBe(false);
});

test("the OpenAPI document lists the endpoints of the contract, and continue, with their errors", () => {
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
      "POST /api/chats/share/{share_id}/continue/",
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
