import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import * as chat from "@/lib/validation/chat";

// The OpenAPI 3.1 document of the chats API, generated from the zod schemas the
// handlers use (lib/validation/chat.ts): the API and its docs cannot drift apart.

const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error" });

const ref = (schema: z.ZodType) => {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error("schema without an id in the OpenAPI document");
  return { $ref: `#/components/schemas/${id}` };
};

const jsonBody = (schema: z.ZodType) => ({
  required: true,
  content: { "application/json": { schema: ref(schema) } },
});

const ok = (status: number, description: string, schema?: z.ZodType) => ({
  [status]: schema
    ? { description, content: { "application/json": { schema: ref(schema) } } }
    : { description },
});

const errors = (...codes: ErrorCode[]) =>
  Object.fromEntries(
    [...new Set(codes.map((c) => ERROR_STATUS[c]))].map((status) => [
      status,
      {
        description: codes.filter((c) => ERROR_STATUS[c] === status).join(", "),
        content: { "application/json": { schema: ref(errorSchema) } },
      },
    ]),
  );

const writeErrors: ErrorCode[] = [
  "invalid_json",
  "validation_error",
  "forbidden",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
];

const idParam = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
};

export function openApiDocument() {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    uri: (id) => `#/components/schemas/${id}`,
  });
  // zod names each schema by its reference as `$id`; JSON Schema 2020-12 forbids a
  // fragment there (validators refuse the schema), and the name is the component's key.
  const components = Object.fromEntries(
    Object.entries(schemas).map(([name, { $id: _id, ...schema }]) => [name, schema]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "SkillMate Chats API",
      version: "1.0.0",
      description:
        "Chats and their messages, owned by a signed-in user (Auth.js session cookie) or a guest (signed `skillmate_guest` cookie, issued on a visitor's first write). Every path also answers with a trailing slash (Django style); one form may 308-redirect to the other. Someone else's chat is always 404.",
    },
    paths: {
      "/api/chats/": {
        get: {
          summary: "List the caller's chats, most recently updated first",
          parameters: [
            {
              name: "limit",
              in: "query",
              schema: {
                type: "integer",
                minimum: 1,
                maximum: chat.LIST_LIMIT_MAX,
                default: chat.LIST_LIMIT_DEFAULT,
              },
            },
            {
              name: "cursor",
              in: "query",
              schema: { type: "string" },
              description: "next_cursor of the previous page",
            },
          ],
          responses: {
            ...ok(200, "A page of chats", chat.chatListSchema),
            ...errors("validation_error"),
          },
        },
        post: {
          summary: "Create a chat, optionally with messages",
          requestBody: jsonBody(chat.createChatSchema),
          responses: {
            ...ok(201, "The new chat", chat.chatDetailSchema),
            ...errors(...writeErrors, "conflict"),
          },
        },
      },
      "/api/chats/create-with-messages/": {
        post: {
          summary: "Create a chat with 1..500 messages, all or nothing",
          requestBody: jsonBody(chat.createWithMessagesSchema),
          responses: {
            ...ok(201, "The new chat", chat.chatDetailSchema),
            ...errors(...writeErrors, "conflict"),
          },
        },
      },
      "/api/chats/{id}/": {
        parameters: [idParam],
        get: {
          summary: "A chat with its messages, oldest first",
          responses: { ...ok(200, "The chat", chat.chatDetailSchema), ...errors("not_found") },
        },
        patch: {
          summary:
            "Rename, share or unshare, set discoverability (at least one field; `is_discoverable: true` needs an account: 403 for a guest)",
          requestBody: jsonBody(chat.patchChatSchema),
          responses: {
            ...ok(200, "The chat", chat.chatDetailSchema),
            ...errors(...writeErrors, "not_found"),
            403: {
              description:
                "forbidden: a cross-site request, or a guest setting `is_discoverable: true` (only signed-in accounts let search engines index a chat); nothing of the PATCH applies",
              content: { "application/json": { schema: ref(errorSchema) } },
            },
          },
        },
        delete: {
          summary: "Delete the chat and its messages; its share link dies at once",
          responses: { ...ok(204, "Deleted"), ...errors("forbidden", "not_found", "rate_limited") },
        },
      },
      "/api/chats/{id}/messages/": {
        parameters: [idParam],
        post: {
          summary: "Save 1..500 messages; a message whose id is stored already is skipped",
          requestBody: jsonBody(chat.appendMessagesSchema),
          responses: {
            ...ok(201, "The chat", chat.chatDetailSchema),
            ...errors(...writeErrors, "not_found", "conflict"),
          },
        },
      },
      "/api/chats/{id}/message/": {
        parameters: [idParam],
        post: {
          summary: "Save one message (idempotent by id)",
          requestBody: jsonBody(chat.messageInSchema),
          responses: {
            ...ok(201, "The stored message", chat.messageSchema),
            ...errors(...writeErrors, "not_found", "conflict"),
          },
        },
      },
      "/api/chats/{id}/share/": {
        parameters: [idParam],
        post: {
          summary: '`{}` toggles sharing; `{"is_shared": bool}` sets it',
          requestBody: jsonBody(chat.shareChatSchema),
          responses: {
            ...ok(200, "The sharing state", chat.shareStateSchema),
            ...errors(...writeErrors, "not_found"),
          },
        },
      },
      "/api/chats/share/{share_id}/continue/": {
        parameters: [{ name: "share_id", in: "path", required: true, schema: { type: "string" } }],
        post: {
          summary:
            "Copy a shared chat (without error replies) into a new chat of the caller; a visitor gets a guest identity",
          responses: {
            ...ok(201, "The new chat", chat.chatDetailSchema),
            ...errors("forbidden", "not_found", "rate_limited"),
          },
        },
      },
      "/api/chats/share/{share_id}/": {
        parameters: [{ name: "share_id", in: "path", required: true, schema: { type: "string" } }],
        get: {
          summary: "A shared chat, for anyone, without owner data; 404 unless shared",
          security: [],
          responses: {
            ...ok(200, "The shared chat", chat.sharedChatSchema),
            ...errors("not_found"),
          },
        },
      },
    },
    components: { schemas: components },
  };
}
