import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { expect, test } from "vitest";
import { openApiDocument } from "@/lib/openapi";

/** Every Schema Object of the document outside components: parameters, bodies, headers. */
function inlineSchemas(doc: ReturnType<typeof openApiDocument>): [string, unknown][] {
  const found: [string, unknown][] = [];
  const walk = (node: unknown, at: string) => {
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "schema") found.push([`${at}/schema`, value]);
      else walk(value, `${at}/${key}`);
    }
  };
  walk(doc.paths, "#/paths");
  return found;
}

test("the document is valid OpenAPI 3.1 (the official schema, through @seriousme/openapi-schema-validator)", async () => {
  const doc = openApiDocument();
  const validator = new Validator();
  const result = await validator.validate(structuredClone(doc));
  expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined();
  expect(result.valid).toBe(true);
  expect(validator.version).toBe("3.1");
  // The official schema leaves operation ids' uniqueness to the tools: checked here.
  const ids = Object.values(doc.paths).flatMap((item) =>
    Object.values(item).flatMap((op) => ("operationId" in op ? [op.operationId] : [])),
  );
  expect(ids.length).toBe(new Set(ids).size);
});

test("every schema of the document compiles as JSON Schema 2020-12 (Ajv)", () => {
  const doc = openApiDocument();
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  ajv.addSchema({ $id: "doc", components: doc.components });
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    expect(JSON.stringify(schema), name).not.toContain('"$id"');
    expect(() => ajv.compile({ $ref: `doc#/components/schemas/${name}` }), name).not.toThrow();
  }
  // The schemas written inline in paths too, their references read against the document.
  for (const [where, schema] of inlineSchemas(doc)) {
    const resolved = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'),
    );
    expect(() => ajv.compile(resolved), where).not.toThrow();
  }
  // And a real chat object validates against its schema.
  const validate = ajv.compile({ $ref: "doc#/components/schemas/Chat" });
  const chat = {
    id: crypto.randomUUID(),
    title: "t",
    share_id: "abcdefghijklmnopqrstuv",
    is_shared: false,
    is_discoverable: false,
    is_pinned: false,
    is_archived: false,
    share_url: null,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    message_count: 0,
    share_expires_at: null,
    share_mode: "live",
    snapshot_at: null,
    shared_at: null,
    branched_from: null,
  };
  expect(validate(chat), JSON.stringify(validate.errors)).toBe(true);
  expect(validate({ ...chat, message_count: -1 })).toBe(false);
});

test("the OpenAPI document lists the endpoints of the contract, branch, continue, sign-up, the account, the assistant, health and itself, with their errors", () => {
  const doc = openApiDocument();
  expect(doc.openapi).toBe("3.1.0");
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((k) => k !== "parameters")
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
  // tests/unit/openapi-routes.test.ts derives this list from app/api/ on disk.
  expect(operations.sort()).toEqual(
    [
      "GET /api/chats/",
      "POST /api/chats/",
      "GET /api/chats/{id}/",
      "PATCH /api/chats/{id}/",
      "DELETE /api/chats/{id}/",
      "POST /api/chats/{id}/messages/",
      "POST /api/chats/{id}/message/",
      "POST /api/chats/{id}/branch/",
      "POST /api/chats/{id}/share/",
      "GET /api/chats/{id}/share/check/",
      "POST /api/chats/{id}/share/rotate/",
      "POST /api/chats/{id}/share/update/",
      "POST /api/chats/create-with-messages/",
      "GET /api/chats/share/{share_id}/",
      "POST /api/chats/share/{share_id}/continue/",
      "POST /api/chats/unshare-all/",
      "POST /api/chats/archive-all/",
      "POST /api/chats/unarchive-all/",
      "POST /api/chats/delete-all/",
      "GET /api/chats/search/",
      "GET /api/chats/{id}/export/",
      "GET /api/account/export/",
      "POST /api/chats/import/",
      "POST /api/register/",
      "GET /api/account/",
      "PATCH /api/account/",
      "DELETE /api/account/",
      "POST /api/account/password/",
      "POST /api/account/sign-out-everywhere/",
      "POST /api/chatbot/",
      "GET /api/openapi.json",
      "GET /api/health/",
      "GET /api/health/ready/",
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
  expect(Object.keys(schemas.ChatbotRequest?.properties ?? {}).sort()).toEqual([
    "assistant_id",
    "chat_id",
    "edit_of",
    "message",
    "retry_of",
  ]);
  expect(Object.keys(schemas.Register?.properties ?? {}).sort()).toEqual([
    "email",
    "name",
    "password",
  ]);
  // The assistant answers with a stream, not JSON.
  expect(Object.keys(doc.paths["/api/chatbot/"].post.responses[200].content)).toEqual([
    "text/event-stream",
  ]);
  // Every $ref points at a schema that exists.
  const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
  for (const ref of refs) expect(schemas).toHaveProperty(ref.split("/").at(-1) as string);
});

test("every operation that uses the database documents 503 unavailable with Retry-After", () => {
  const doc = openApiDocument();
  // Neither reads the database: the document itself, and liveness.
  const withoutDatabase = ["GET /api/openapi.json", "GET /api/health/"];
  type Op = { responses: Record<string, { headers?: Record<string, { required?: boolean }> }> };
  let count = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, Op>)) {
      if (method === "parameters") continue;
      const label = `${method.toUpperCase()} ${path}`;
      const unavailable = op.responses["503"];
      if (withoutDatabase.includes(label)) {
        expect(unavailable, label).toBeUndefined();
        continue;
      }
      expect(unavailable, label).toBeDefined();
      expect(unavailable?.headers?.["Retry-After"]?.required, label).toBe(true);
      count += 1;
    }
  }
  expect(count).toBeGreaterThanOrEqual(14);
});
