import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import * as account from "@/lib/validation/account";
import * as chat from "@/lib/validation/chat";
import { chatbotRequestSchema } from "@/lib/validation/chatbot";
import { importResultSchema } from "@/lib/validation/import";
import { privacyCheckSchema } from "@/lib/validation/privacy";
import { registerSchema } from "@/lib/validation/user";

// The OpenAPI 3.1 document of the app's API (GET /api/openapi.json), generated from the
// zod schemas the handlers parse with (lib/validation/): the API and its docs cannot
// drift apart. tests/unit/openapi-routes.test.ts checks that it lists every route and
// method app/api/ serves; tests/api/openapi-responses.test.ts checks real responses
// against it.

type Meta = { id: string };

// Request bodies are described as the API accepts them (zod's input side); responses as
// it sends them (the output side: every field listed, no other).
const requestBodies = z.registry<Meta>();
const responseBodies = z.registry<Meta>();

/** The id a schema got in lib/validation (`.meta({ id })`), or a name given here. */
function addSchema(registry: typeof requestBodies, schema: z.ZodType, id?: string) {
  const name = id ?? z.globalRegistry.get(schema)?.id;
  if (!name) throw new Error("a schema of the OpenAPI document needs an id");
  registry.add(schema, { id: name });
}

const errorSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

// POST /api/register/ answers with the account it made (db/queries/users.ts PublicUser).
const accountSchema = z.object({ id: z.string(), email: z.email(), name: z.string().nullable() });

// The health endpoints (app/api/health/, lib/health.ts).
const healthSchema = z.object({ status: z.literal("ok") });
// lib/edge/edge-purger.ts EdgePurgeStatus: reported by readiness, not a condition of it.
const edgePurgeSchema = z.object({
  configured: z.array(z.string()),
  pending: z.number().int().min(0),
  purged: z.number().int().min(0),
  failed_attempts: z.number().int().min(0),
  dropped: z.number().int().min(0),
  last_error: z.object({ at: z.string(), purger: z.string(), message: z.string() }).nullable(),
  last_success_at: z.string().nullable(),
});
const readinessSchema = z.object({
  status: z.literal("ready"),
  migrations: z.object({
    expected: z.number().int().min(0),
    applied: z.number().int().min(0),
  }),
  edge_purge: edgePurgeSchema,
});

for (const schema of [
  chat.messageInSchema,
  chat.createChatSchema,
  chat.createWithMessagesSchema,
  chat.appendMessagesSchema,
  chat.branchChatSchema,
  chat.patchChatSchema,
  chat.shareChatSchema,
  chat.updateSnapshotSchema,
]) {
  addSchema(requestBodies, schema);
}
addSchema(requestBodies, registerSchema, "Register");
for (const schema of [
  account.patchAccountSchema,
  account.changePasswordSchema,
  account.deleteAccountSchema,
]) {
  addSchema(requestBodies, schema);
}
addSchema(responseBodies, account.accountSchema);
addSchema(requestBodies, chatbotRequestSchema, "ChatbotRequest");

for (const schema of [
  chat.messageSchema,
  chat.chatSchema,
  chat.chatDetailSchema,
  chat.chatListSchema,
  chat.shareStateSchema,
  chat.unshareAllSchema,
  chat.deleteAllSchema,
  chat.archiveAllSchema,
  chat.unarchiveAllSchema,
  chat.sharedChatSchema,
  chat.searchResultsSchema,
  chat.exportHeaderSchema,
  chat.exportChatSchema,
  chat.exportEndSchema,
  chat.exportDocumentSchema,
]) {
  addSchema(responseBodies, schema);
}
addSchema(responseBodies, importResultSchema);
addSchema(responseBodies, privacyCheckSchema);
addSchema(responseBodies, errorSchema, "Error");
addSchema(responseBodies, accountSchema, "Account");
addSchema(responseBodies, healthSchema, "Health");
addSchema(responseBodies, readinessSchema, "Readiness");

const ref = (schema: z.ZodType) => {
  const id = requestBodies.get(schema)?.id ?? responseBodies.get(schema)?.id;
  if (!id) throw new Error("schema without an id in the OpenAPI document");
  return { $ref: `#/components/schemas/${id}` };
};

const jsonBody = (schema: z.ZodType) => ({
  required: true,
  content: { "application/json": { schema: ref(schema) } },
});

type HeaderDocs = Record<string, { description: string; required?: boolean; schema: object }>;

const ok = (status: number, description: string, schema?: z.ZodType, headers?: HeaderDocs) => ({
  [status]: {
    description,
    ...(headers && { headers }),
    ...(schema && { content: { "application/json": { schema: ref(schema) } } }),
  },
});

// A visitor's first write gives them a guest identity (lib/http/route.ts ensureOwner).
const newGuestCookie: HeaderDocs = {
  "Set-Cookie": {
    description: "The guest cookie, when the caller had no identity yet (a visitor's first write)",
    schema: { type: "string" },
  },
};

const retryAfter: HeaderDocs = {
  "Retry-After": {
    description: "Seconds until the limit lets this request through",
    required: true,
    schema: { type: "integer", minimum: 0 },
  },
};

const noStore: HeaderDocs = {
  "Cache-Control": {
    description: "`no-store`: a health answer is about this moment only",
    required: true,
    schema: { type: "string", const: "no-store" },
  },
};

const retryAfterUnavailable: HeaderDocs = {
  "Retry-After": {
    description: "Seconds to wait before trying again",
    required: true,
    schema: { type: "integer", minimum: 0 },
  },
};

const headersOf: Partial<Record<number, HeaderDocs>> = {
  [ERROR_STATUS.rate_limited]: retryAfter,
  [ERROR_STATUS.unavailable]: retryAfterUnavailable,
};

const errors = (...codes: ErrorCode[]) =>
  Object.fromEntries(
    [...new Set(codes.map((c) => ERROR_STATUS[c]))].map((status) => [
      status,
      {
        description: codes.filter((c) => ERROR_STATUS[c] === status).join(", "),
        ...(headersOf[status] && { headers: headersOf[status] }),
        content: { "application/json": { schema: ref(errorSchema) } },
      },
    ]),
  );

/**
 * What every operation that reads or writes the database can answer while it is down or
 * restarting: 503 with Retry-After (docs/operations.md); safe to retry with the same ids.
 */
const DB: ErrorCode = "unavailable";

/** What every write (a method other than GET) can be refused with before its handler runs. */
const writeErrors: ErrorCode[] = [
  "invalid_json",
  "validation_error",
  "forbidden",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
];

const sessionCookieCleared: HeaderDocs = {
  "Set-Cookie": {
    description: "The Auth.js session cookie, expired (the session has ended)",
    required: true,
    schema: { type: "string" },
  },
};

/**
 * Every operation that resolves the caller: a session cookie whose session was ended
 * (signed out everywhere, a password change, a deleted account) is refused, and cleared.
 */
const endedSession = {
  401: {
    description:
      "unauthenticated: the request's session cookie belongs to a session that has ended (signed out everywhere, a password change, a deleted account); the response clears it",
    headers: sessionCookieCleared,
    content: { "application/json": { schema: ref(errorSchema) } },
  },
};

/** The account routes: a signed-in account only; a guest or visitor, or an ended session. */
const accountOnly = {
  401: {
    description:
      "unauthenticated: no signed-in account (a guest or a visitor), or a session that has ended (its cookie is then cleared)",
    content: { "application/json": { schema: ref(errorSchema) } },
  },
};

const sessionCookie: HeaderDocs = {
  "Set-Cookie": {
    description: "The Auth.js session cookie, issued again",
    required: true,
    schema: { type: "string" },
  },
};

const idParam = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
};

// Exports are downloads: named files, never kept by a shared cache.
const download = (example: string): HeaderDocs => ({
  "Content-Disposition": {
    description: `\`attachment\` with an ASCII \`filename\` and an RFC 5987 \`filename*\` (UTF-8): a slug of the title and the date, e.g. \`${example}\``,
    required: true,
    schema: { type: "string", pattern: "^attachment; filename=" },
  },
  "Cache-Control": {
    description: "`private, no-store`",
    required: true,
    schema: { type: "string", const: "private, no-store" },
  },
});

const shareIdParam = { name: "share_id", in: "path", required: true, schema: { type: "string" } };

function componentSchemas() {
  const generate = (registry: typeof requestBodies, io: "input" | "output") => {
    const { schemas } = z.toJSONSchema(registry, {
      io,
      metadata: registry,
      uri: (id) => `#/components/schemas/${id}`,
    });
    if ("__shared" in schemas) throw new Error("a schema shared without an id");
    // zod names each schema by its reference as `$id`; JSON Schema 2020-12 forbids a
    // fragment there (validators refuse the schema), and the name is the component's key.
    return Object.entries(schemas).map(([name, { $id: _id, ...schema }]) => [name, schema]);
  };
  const entries = [...generate(requestBodies, "input"), ...generate(responseBodies, "output")];
  const components = Object.fromEntries(entries);
  if (Object.keys(components).length !== entries.length) {
    throw new Error("a request and a response schema share a name");
  }
  return components as Record<string, Record<string, unknown>>;
}

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "SkillMate Chats API",
      version: "1.0.0",
      description: [
        "Chats and their messages, owned by a signed-in user (Auth.js session cookie) or a guest (signed `skillmate_guest` cookie, issued on a visitor's first write). Someone else's chat is always 404.",
        "Paths are written in the Django form, with a trailing slash, as the contract's clients call them; the form without the slash answers the same (one form may 308-redirect to the other, keeping method and body). `/api/openapi.json` names a file and has no slash.",
        "Every error is JSON in the `Error` shape. A method a path does not list is refused with 405 `method_not_allowed` (with an `Allow` header); any other path under `/api/` is 404 `not_found`. Writes from another site are 403 `forbidden`. A session cookie whose session has ended (signed out everywhere, a password change, a deleted account) is 401 `unauthenticated` on every operation that reads the caller, and the response clears it. While the database is down or restarting, every operation that uses it answers 503 `unavailable` with `Retry-After`, before anything is stored or streamed: retrying with the same ids is safe.",
        "Not described here: `/api/auth/*`, the endpoints of Auth.js (sign-in, sign-out, session, CSRF token) that the app's pages use through next-auth; their form posts and redirects are Auth.js's protocol, not this API (a sign-in refused by the limits is a 429).",
      ].join("\n\n"),
    },
    paths: {
      "/api/chats/": {
        get: {
          operationId: "listChats",
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
            {
              name: "shared",
              in: "query",
              schema: { type: "string", enum: ["true", "false"] },
              description: "only the shared chats (`true`), or only the private ones (`false`)",
            },
            {
              name: "pinned",
              in: "query",
              schema: { type: "string", enum: ["true", "false"] },
              description: "only the pinned chats (`true`), or only the others (`false`)",
            },
            {
              name: "archived",
              in: "query",
              schema: { type: "string", enum: ["false", "true", "all"], default: "false" },
              description:
                "archived chats are left out unless asked for: only them (`true`), or every chat (`all`)",
            },
          ],
          responses: {
            ...ok(200, "A page of chats", chat.chatListSchema),
            ...errors("validation_error", DB),
            ...endedSession,
          },
        },
        post: {
          operationId: "createChat",
          summary: "Create a chat, optionally with messages",
          requestBody: jsonBody(chat.createChatSchema),
          responses: {
            ...ok(201, "The new chat", chat.chatDetailSchema, newGuestCookie),
            ...errors(...writeErrors, "conflict", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/unshare-all/": {
        post: {
          operationId: "unshareAllChats",
          summary:
            "Revoke every share link of the caller at once: each shared page is gone at the next request",
          responses: {
            ...ok(200, "How many chats were unshared", chat.unshareAllSchema),
            ...errors("forbidden", "rate_limited", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/archive-all/": {
        post: {
          operationId: "archiveAllChats",
          summary:
            "Archive every chat of the caller that is not archived yet: they leave the list, their shared links keep working",
          responses: {
            ...ok(200, "How many chats were archived", chat.archiveAllSchema),
            ...errors("forbidden", "rate_limited", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/unarchive-all/": {
        post: {
          operationId: "unarchiveAllChats",
          summary: "Bring every archived chat of the caller back to the list",
          responses: {
            ...ok(200, "How many chats were unarchived", chat.unarchiveAllSchema),
            ...errors("forbidden", "rate_limited", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/delete-all/": {
        post: {
          operationId: "deleteAllChats",
          summary:
            "Delete every chat of the caller, archived ones too, with their messages: each shared page is gone at the next request",
          responses: {
            ...ok(200, "How many chats were deleted", chat.deleteAllSchema),
            ...errors("forbidden", "rate_limited", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/import/": {
        post: {
          operationId: "importChats",
          summary:
            "Import a ChatGPT data export's conversations.json, or this app's NDJSON or JSON export, into the caller's chats",
          description:
            "The body is the file itself, up to `IMPORT_MAX_BYTES` (50 MiB by default; not the API's 1 MiB), streamed and read one conversation at a time. The format is told by the first byte: a JSON array is ChatGPT's (each conversation's current branch, its user and assistant text; system, tool and hidden messages, other content and other branches are left out), an object is this app's export (NDJSON when its first line is a whole header). All or nothing: a malformed file, anywhere in it, is 400 `validation_error` naming the conversation (or line) and what is wrong, and stores nothing. Idempotent: chats and messages get ids derived from the caller and the file, so the same file again creates nothing (`already_imported`), and a conversation continued since gets only its new messages. Imported chats are never shared. A visitor gets a guest identity.",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  description:
                    "ChatGPT's conversations.json (an array of conversations), or an `ExportDocument`",
                },
              },
              "application/x-ndjson": {
                schema: {
                  type: "string",
                  description:
                    "An account export: `ExportHeader`, `ExportChat` lines, `ExportEnd` (a file without it was cut short)",
                },
              },
            },
          },
          responses: {
            ...ok(
              200,
              "What was imported, and what was skipped and why",
              importResultSchema,
              newGuestCookie,
            ),
            ...errors(...writeErrors, DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/search/": {
        get: {
          operationId: "searchChats",
          summary:
            'Full-text search of the caller\'s chat titles and messages (web search syntax: words, "phrases", or, -word), best match first',
          parameters: [
            {
              name: "q",
              in: "query",
              required: true,
              schema: { type: "string", minLength: 1, maxLength: chat.SEARCH_QUERY_MAX },
            },
            {
              name: "limit",
              in: "query",
              schema: {
                type: "integer",
                minimum: 1,
                maximum: chat.SEARCH_LIMIT_MAX,
                default: chat.SEARCH_LIMIT_DEFAULT,
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
            ...ok(200, "A page of matches", chat.searchResultsSchema),
            ...errors("validation_error", DB),
          },
        },
      },
      "/api/chats/create-with-messages/": {
        post: {
          operationId: "createChatWithMessages",
          summary: "Create a chat with 1..500 messages, all or nothing",
          requestBody: jsonBody(chat.createWithMessagesSchema),
          responses: {
            ...ok(201, "The new chat", chat.chatDetailSchema, newGuestCookie),
            ...errors(...writeErrors, "conflict", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/{id}/": {
        parameters: [idParam],
        get: {
          operationId: "getChat",
          summary: "A chat with its messages, oldest first",
          responses: {
            ...ok(200, "The chat", chat.chatDetailSchema),
            ...errors("not_found", DB),
            ...endedSession,
          },
        },
        patch: {
          operationId: "updateChat",
          summary:
            "Rename, share or unshare, set discoverability, pin, archive (at least one field; `is_discoverable: true` needs an account: 403 for a guest)",
          requestBody: jsonBody(chat.patchChatSchema),
          responses: {
            ...ok(200, "The chat", chat.chatDetailSchema),
            ...errors(...writeErrors, "not_found", DB),
            ...endedSession,
            403: {
              description:
                "forbidden: a cross-site request, or a guest setting `is_discoverable: true` (only signed-in accounts let search engines index a chat); nothing of the PATCH applies",
              content: { "application/json": { schema: ref(errorSchema) } },
            },
          },
        },
        delete: {
          operationId: "deleteChat",
          summary: "Delete the chat and its messages; its share link dies at once",
          responses: {
            ...ok(204, "Deleted"),
            ...errors("forbidden", "not_found", "rate_limited", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/{id}/messages/": {
        parameters: [idParam],
        post: {
          operationId: "appendMessages",
          summary: "Save 1..500 messages; a message whose id is stored already is skipped",
          requestBody: jsonBody(chat.appendMessagesSchema),
          responses: {
            ...ok(201, "The chat", chat.chatDetailSchema),
            ...errors(...writeErrors, "not_found", "conflict", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/{id}/message/": {
        parameters: [idParam],
        post: {
          operationId: "saveMessage",
          summary: "Save one message (idempotent by id)",
          requestBody: jsonBody(chat.messageInSchema),
          responses: {
            ...ok(201, "The stored message", chat.messageSchema),
            ...errors(...writeErrors, "not_found", "conflict", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/{id}/branch/": {
        parameters: [idParam],
        post: {
          operationId: "branchChat",
          summary:
            'A new chat holding this one up to and including the message `through` (without error replies), titled "Branch · " and the chat\'s title; the original is untouched',
          description:
            "With an `id` for the new chat, the copies' ids derive from it: the same request again answers the same chat and adds nothing. A `through` that is not a message of this chat (edited or regenerated meanwhile) is 409 `conflict` and creates nothing.",
          requestBody: jsonBody(chat.branchChatSchema),
          responses: {
            ...ok(201, "The new chat", chat.chatDetailSchema),
            ...errors(...writeErrors, "not_found", "conflict", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/{id}/share/": {
        parameters: [idParam],
        post: {
          operationId: "shareChat",
          summary: '`{}` toggles sharing; `{"is_shared": bool}` sets it',
          description:
            '`expires_in` (seconds, 1 to a year, or null for never) sets when the link stops working (then 410 `gone`); left out, a shared chat keeps its expiry and a new share never expires; given without `is_shared`, it shares. `new_link: true` (with `is_shared: true`) gives the chat a new `share_id` as it shares: the old link is 404 at once. `mode: "snapshot"` makes the link show the chat as it is now (a snapshot taken at once, anew each time it is sent; later messages and renames stay out of it until `share/update/`), `mode: "live"` makes it follow the chat again (the snapshot is dropped); given without `is_shared`, it shares, and the `share_id` stays. Left out, the mode is kept (a chat never shared is live). `redact` (only with `mode: "snapshot"`): `"all"` or findings of `GET /api/chats/{id}/share/check/` to show as `[redacted]` in the shared copy; an item that is not a current finding is 400 naming `redact.<i>`.',
          requestBody: jsonBody(chat.shareChatSchema),
          responses: {
            ...ok(200, "The sharing state", chat.shareStateSchema),
            ...errors(...writeErrors, "not_found", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/{id}/share/check/": {
        parameters: [idParam],
        get: {
          operationId: "checkChatPrivacy",
          summary:
            "Before sharing: what in the chat (its title and every message) looks private: email addresses, phone numbers, card numbers (Luhn), IBANs (mod-97), API keys of well-known formats and random-looking tokens; each masked, with its position. Nothing is stored",
          responses: {
            ...ok(
              200,
              "The findings (none when the chat looks safe to share)",
              privacyCheckSchema,
              {
                "Cache-Control": {
                  description: "`private, no-store`",
                  required: true,
                  schema: { type: "string", const: "private, no-store" },
                },
              },
            ),
            ...errors("not_found", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/{id}/share/rotate/": {
        parameters: [idParam],
        post: {
          operationId: "rotateShareLink",
          summary:
            "Give the chat a new share_id, shared or not (no body): the old link is 404 at the next request, on every instance",
          responses: {
            ...ok(200, "The sharing state, with the new share_id", chat.shareStateSchema),
            ...errors("forbidden", "not_found", "rate_limited", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/{id}/share/update/": {
        parameters: [idParam],
        post: {
          operationId: "updateShareSnapshot",
          summary:
            "Take a snapshot link's snapshot again, from the chat as it is now; the link (share_id) stays",
          description:
            'Shared or not (the snapshot is what a re-share shows). Without `redact`, the stored choice is applied again: `"all"`, every finding now; a list, those of its items that are still findings. With `redact`, as on `share/`. A live link is 409 `conflict`: share it with `mode: "snapshot"` first.',
          requestBody: jsonBody(chat.updateSnapshotSchema),
          responses: {
            ...ok(200, "The sharing state, with the new snapshot_at", chat.shareStateSchema),
            ...errors(...writeErrors, "not_found", "conflict", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/{id}/export/": {
        parameters: [idParam],
        get: {
          operationId: "exportChat",
          summary: "Download the chat as Markdown (the default) or as JSON",
          parameters: [
            {
              name: "format",
              in: "query",
              schema: { type: "string", enum: [...chat.EXPORT_FORMATS], default: "markdown" },
              description:
                "`markdown`: the title as heading, each message under its role and time, contents verbatim; `json`: an `ExportDocument`, whose chat has the shape of an NDJSON line of `GET /api/account/export/`",
            },
          ],
          responses: {
            200: {
              description: "The chat, as a file to save",
              headers: download("how-to-learn-rust-2026-12-01.md"),
              content: {
                "text/markdown": { schema: { type: "string" } },
                "application/json": { schema: ref(chat.exportDocumentSchema) },
              },
            },
            ...errors("validation_error", "not_found", DB),
          },
        },
      },
      "/api/account/export/": {
        get: {
          operationId: "exportAccount",
          summary: "Download every chat of the caller, with its messages, as NDJSON (streamed)",
          description:
            "One JSON object per line: an `ExportHeader`, one `ExportChat` per chat (least recently updated first; a chat changed while the export runs may appear twice, and its later line is the newer), and an `ExportEnd` with the counts, whose absence means the download was cut short. Readers should skip lines of a `type` they do not know. A visitor with no identity gets a valid export with no chats. No query parameters.",
          responses: {
            200: {
              description: "The caller's chats, as a file to save",
              headers: download("skillmate-chats-2026-12-01.ndjson"),
              content: {
                "application/x-ndjson": {
                  schema: {
                    type: "string",
                    description:
                      "Lines of `#/components/schemas/ExportHeader`, then `ExportChat`, then `ExportEnd`",
                  },
                },
              },
            },
            ...errors("validation_error", DB),
          },
        },
      },
      "/api/chats/share/{share_id}/continue/": {
        parameters: [shareIdParam],
        post: {
          operationId: "continueSharedChat",
          summary:
            "Copy a shared chat (without error replies) into a new chat of the caller; a visitor gets a guest identity",
          responses: {
            ...ok(201, "The new chat", chat.chatDetailSchema, newGuestCookie),
            ...errors("forbidden", "not_found", "gone", "rate_limited", DB),
            ...endedSession,
          },
        },
      },
      "/api/chats/share/{share_id}/": {
        parameters: [shareIdParam],
        get: {
          operationId: "getSharedChat",
          summary:
            "A shared chat, for anyone, without owner data; 404 unless shared, 410 once its link has expired",
          security: [],
          responses: {
            ...ok(200, "The shared chat", chat.sharedChatSchema),
            ...errors("not_found", "gone", DB),
            ...endedSession,
          },
        },
      },
      "/api/register/": {
        post: {
          operationId: "register",
          summary: "Create a password account, move the caller's guest chats to it, and sign it in",
          security: [],
          requestBody: jsonBody(registerSchema),
          responses: {
            ...ok(201, "The new account, signed in", accountSchema, {
              "Set-Cookie": {
                description:
                  "The Auth.js session cookie; for a guest, also an expired guest cookie (their chats now belong to the account)",
                required: true,
                schema: { type: "string" },
              },
            }),
            ...errors(...writeErrors, "conflict", DB),
            ...endedSession,
            409: {
              description: "conflict: an account with this email (in any case) exists",
              content: { "application/json": { schema: ref(errorSchema) } },
            },
          },
        },
      },
      "/api/account/": {
        get: {
          operationId: "getAccount",
          summary: "The caller's account (signed-in accounts only)",
          responses: {
            ...ok(200, "The account", account.accountSchema),
            ...errors("unauthenticated", DB),
            ...accountOnly,
          },
        },
        patch: {
          operationId: "updateAccount",
          summary:
            "Change the name and the email (at least one; the email is trimmed and lowercased, as at sign-up; an empty name clears it)",
          requestBody: jsonBody(account.patchAccountSchema),
          responses: {
            ...ok(
              200,
              "The account; the session cookie is issued again with them",
              account.accountSchema,
              sessionCookie,
            ),
            ...errors(...writeErrors, "unauthenticated", "conflict", DB),
            ...accountOnly,
            409: {
              description: "conflict: another account already has this email",
              content: { "application/json": { schema: ref(errorSchema) } },
            },
          },
        },
        delete: {
          operationId: "deleteAccount",
          summary:
            "Delete the account with its chats, messages and share links (each link is 404 at once, on every instance); every session of it ends",
          description:
            "Confirmed by `password`; an account without one (it signs in through GitHub or Google) sends its `email` instead. A wrong or missing confirmation is 400 `validation_error` with the field in `issues`, and deletes nothing. Password tries count against the sign-in limits of the account and the address (429).",
          requestBody: jsonBody(account.deleteAccountSchema),
          responses: {
            ...ok(204, "Deleted; the session cookie is cleared", undefined, sessionCookieCleared),
            ...errors(...writeErrors, "unauthenticated", DB),
            ...accountOnly,
          },
        },
      },
      "/api/account/password/": {
        post: {
          operationId: "changePassword",
          summary:
            "Change the password: every other session of the account ends, the caller gets a fresh session cookie",
          description:
            "A wrong `current_password` (or an account without a password) is 400 `validation_error` with `current_password` in `issues`. Tries count against the sign-in limits of the account and the address (429). `new_password` follows the sign-up rules.",
          requestBody: jsonBody(account.changePasswordSchema),
          responses: {
            ...ok(200, "The account, still signed in here", account.accountSchema, sessionCookie),
            ...errors(...writeErrors, "unauthenticated", DB),
            ...accountOnly,
          },
        },
      },
      "/api/account/sign-out-everywhere/": {
        post: {
          operationId: "signOutEverywhere",
          summary:
            "End every session of the account, this one included (no body); each is refused from its next request, on every instance",
          responses: {
            ...ok(
              204,
              "Signed out everywhere; the session cookie is cleared",
              undefined,
              sessionCookieCleared,
            ),
            ...errors("forbidden", "rate_limited", "unauthenticated", DB),
            ...accountOnly,
          },
        },
      },
      "/api/chatbot/": {
        post: {
          operationId: "chatbotReply",
          summary:
            "Store the user's message in one of the caller's chats and stream SkillMate's reply, stored when it ends",
          description:
            "Without `message`, a reply to the conversation as it stands is regenerated; `retry_of` names the reply that the new one replaces (Retry of a failed reply, or Regenerate): it must be the chat's last message and an assistant's, else 409 `conflict` and nothing changes. That reply is deleted when the new turn starts, not when its reply is stored: a turn stopped before its first word leaves the chat awaiting a reply. `edit_of` (with `message`) names a user message that the new one replaces (Edit): it and every message after it give way to the new message in one step, before the turn starts; a reply or a message no longer in the chat is 409 `conflict` and nothing changes, while the same request sent again after it went through goes on. The assistant's message is saved under `assistant_id` once the stream ends: the reply, what was streamed before the client left, or an error reply (`is_error`). A reply that fails after the stream has started is an `error` chunk in the stream, not an HTTP error.",
          requestBody: jsonBody(chatbotRequestSchema),
          responses: {
            200: {
              description:
                "The reply as an AI SDK UI message stream (protocol v1): server-sent events whose `data:` is a JSON chunk with a `type` (`start`, whose `messageMetadata.assistantId` is the request's `assistant_id`; `text-start`; `text-delta` with `delta`; `text-end`; `finish`; or `error` with `errorText`), then `data: [DONE]`.",
              headers: {
                "x-vercel-ai-ui-message-stream": {
                  description: "The stream protocol's version",
                  required: true,
                  schema: { type: "string", const: "v1" },
                },
              },
              content: { "text/event-stream": { schema: { type: "string" } } },
            },
            ...errors(...writeErrors, "not_found", "conflict", DB),
            ...endedSession,
            404: {
              description: "not_found: no such chat, or not the caller's",
              content: { "application/json": { schema: ref(errorSchema) } },
            },
            409: {
              description:
                "conflict: `message.id` belongs to another chat, `retry_of` is not the chat's last reply, or (with neither `message` nor `retry_of`) the chat already has its reply",
              content: { "application/json": { schema: ref(errorSchema) } },
            },
            429: {
              description:
                "rate_limited: too many writes, a reply of the caller's is still streaming, or the day's replies are used up",
              headers: retryAfter,
              content: { "application/json": { schema: ref(errorSchema) } },
            },
          },
        },
      },
      "/api/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "This document",
          security: [],
          responses: {
            200: {
              description: "The OpenAPI 3.1 document of this API",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["openapi", "info", "paths", "components"],
                    properties: { openapi: { type: "string", const: "3.1.0" } },
                  },
                },
              },
            },
          },
        },
      },
      "/api/health/": {
        get: {
          operationId: "liveness",
          summary: "Liveness: the process answers (no database, no cookies, never cached)",
          security: [],
          responses: {
            ...ok(200, "The process answers", healthSchema, noStore),
          },
        },
      },
      "/api/health/ready/": {
        get: {
          operationId: "readiness",
          summary:
            "Readiness: the database answers within 2 s and has every migration of this version applied (never cached)",
          security: [],
          responses: {
            ...ok(
              200,
              "Ready to serve requests (edge_purge: the edge cache purger, which readiness does not depend on)",
              readinessSchema,
              noStore,
            ),
            503: {
              description:
                "unavailable: the database is down, slow to answer, or lacks a migration; the message says which",
              headers: { ...retryAfterUnavailable, ...noStore },
              content: { "application/json": { schema: ref(errorSchema) } },
            },
          },
        },
      },
    },
    components: { schemas: componentSchemas() },
  };
}
