import { z } from "./zod";

// Request and response bodies of the chats API (shared/api-contract.md). Shared by the
// route handlers, the web client and the OpenAPI document; no server imports here.

export const TITLE_MAX = 200;
export const CONTENT_MAX = 100_000;
export const BATCH_MAX = 500;
export const LIST_LIMIT_MAX = 100;
export const LIST_LIMIT_DEFAULT = 50;

export const messageTypeSchema = z.enum(["user", "assistant"]);

const titleSchema = z
  .string()
  .trim()
  .min(1, { message: "The title cannot be empty." })
  .max(TITLE_MAX, { message: `Use at most ${TITLE_MAX} characters.` });

export const messageInSchema = z
  .strictObject({
    id: z.uuid({ message: "Must be a UUID." }).optional(),
    message_type: messageTypeSchema,
    content: z
      .string()
      .min(1, { message: "The message cannot be empty." })
      .max(CONTENT_MAX, { message: `Use at most ${CONTENT_MAX} characters.` }),
    is_error: z.boolean().optional(),
  })
  .meta({ id: "MessageIn" });

const messagesSchema = (min: number) =>
  z
    .array(messageInSchema)
    .min(min, { message: "Send at least one message." })
    .max(BATCH_MAX, { message: `Send at most ${BATCH_MAX} messages at once.` });

// A client may choose the new chat's id, so that a retried create (its answer lost on the
// way) finds the chat it made instead of making a second one.
const chatIdSchema = z.uuid({ message: "Must be a UUID." }).optional();

export const createChatSchema = z
  .strictObject({
    id: chatIdSchema,
    title: titleSchema.optional(),
    messages: messagesSchema(0).optional(),
  })
  .meta({ id: "CreateChat" });

export const createWithMessagesSchema = z
  .strictObject({ id: chatIdSchema, title: titleSchema.optional(), messages: messagesSchema(1) })
  .meta({ id: "CreateChatWithMessages" });

/** What a branch's title starts with, before the title of the chat it was branched from. */
export const BRANCH_TITLE_PREFIX = "Branch · ";

export const branchChatSchema = z
  .strictObject({
    id: chatIdSchema,
    through: z.uuid({ message: "Must be the id of a message of this chat." }),
  })
  .meta({ id: "BranchChat" });

export const appendMessagesSchema = z
  .strictObject({ messages: messagesSchema(1) })
  .meta({ id: "AppendMessages" });

export const patchChatSchema = z
  .strictObject({
    title: titleSchema.optional(),
    is_shared: z.boolean().optional(),
    is_discoverable: z.boolean().optional(),
    is_pinned: z.boolean().optional(),
    is_archived: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: "Send at least one of title, is_shared, is_discoverable, is_pinned, is_archived.",
  })
  .meta({ id: "PatchChat" });

// A share link may last at most a year; the owner can extend it again at any time.
export const SHARE_EXPIRES_IN_MAX = 365 * 24 * 60 * 60;

export const SHARE_MODES = ["live", "snapshot"] as const;
export const shareModeSchema = z.enum(SHARE_MODES, { message: 'Use "live" or "snapshot".' });

// Findings of GET /api/chats/<id>/share/check/ (at most as many as a batch of messages).
export const REDACT_MAX = 500;

export const redactRangeSchema = z
  .strictObject({
    message_id: z
      .uuid({ message: "Must be a UUID, or null for the title." })
      .nullable()
      .meta({ description: "The finding's message; null for the chat's title" }),
    start: z.int({ message: "Must be a whole number." }).min(0, { message: "Must be 0 or more." }),
    end: z.int({ message: "Must be a whole number." }).min(0, { message: "Must be 0 or more." }),
  })
  .meta({ id: "RedactRange" });

export const redactSchema = z
  .union(
    [
      z.literal("all"),
      z
        .array(redactRangeSchema)
        .max(REDACT_MAX, { message: `Send at most ${REDACT_MAX} findings.` }),
    ],
    { message: 'Use "all" or a list of findings ({message_id, start, end}).' },
  )
  .meta({
    id: "Redact",
    description:
      'Findings of the privacy check to hide in the shared copy (each reads "[redacted]"): "all", or a list of them as the check answered them ([]: none). Only with a snapshot.',
  });

export const shareChatSchema = z
  .strictObject({
    is_shared: z.boolean().optional(),
    expires_in: z
      .int({ message: "Must be a whole number of seconds." })
      .min(1, { message: "Must be at least 1 second." })
      .max(SHARE_EXPIRES_IN_MAX, { message: `Use at most ${SHARE_EXPIRES_IN_MAX} seconds.` })
      .nullable()
      .optional()
      .meta({
        description:
          "Seconds until the link stops working (410 gone), or null for never. Left out: a shared chat keeps its expiry, a new share never expires. Implies is_shared true.",
      }),
    new_link: z
      .boolean()
      .optional()
      .meta({ description: "true: a new share_id, the old link stops working (default false)" }),
    mode: shareModeSchema.optional().meta({
      description:
        '"live": the link shows the chat as it is; "snapshot": as it is now (a snapshot taken at once, anew each time it is sent). Left out: the mode is kept. Implies is_shared true; the share_id never changes with it.',
    }),
    redact: redactSchema.optional(),
  })
  .refine((body) => body.is_shared !== false || body.expires_in === undefined, {
    message: "An expiry needs a shared chat: leave out expires_in when unsharing.",
    path: ["expires_in"],
  })
  .refine((body) => !body.new_link || body.is_shared === true, {
    message: 'A new link is issued when sharing: send "is_shared": true with it.',
    path: ["new_link"],
  })
  .refine((body) => body.is_shared !== false || body.mode === undefined, {
    message: "A mode needs a shared chat: leave out mode when unsharing.",
    path: ["mode"],
  })
  .refine((body) => body.redact === undefined || body.mode === "snapshot", {
    message: 'Only a snapshot hides findings: send "mode": "snapshot" with redact.',
    path: ["redact"],
  })
  .meta({ id: "ShareChat" });

export const updateSnapshotSchema = z
  .strictObject({ redact: redactSchema.optional() })
  .meta({ id: "UpdateSnapshot" });

const booleanParam = z
  .enum(["true", "false"], { message: 'Use "true" or "false".' })
  .transform((value) => value === "true");

export const listChatsQuerySchema = z.strictObject({
  limit: z.coerce
    .number({ message: "Must be a number." })
    .int({ message: "Must be a whole number." })
    .min(1)
    .max(LIST_LIMIT_MAX)
    .default(LIST_LIMIT_DEFAULT),
  cursor: z.string().min(1).max(200).optional(),
  // Only the shared chats (the Shared links page), or only those not shared.
  shared: booleanParam.optional(),
  // Only the pinned chats (the top of the sidebar), or only the others.
  pinned: booleanParam.optional(),
  // Archived chats leave the list unless asked for: only them, or "all" chats.
  archived: z
    .enum(["true", "false", "all"], { message: 'Use "true", "false" or "all".' })
    .default("false")
    .transform((value) => (value === "all" ? value : value === "true")),
});

export const SEARCH_QUERY_MAX = 200;
export const SEARCH_LIMIT_MAX = 50;
export const SEARCH_LIMIT_DEFAULT = 20;

export const searchQuerySchema = z.strictObject({
  q: z
    .string({ message: "Send the words to search for in q." })
    .trim()
    .min(1, { message: "Send the words to search for in q." })
    .max(SEARCH_QUERY_MAX, { message: `Use at most ${SEARCH_QUERY_MAX} characters.` }),
  limit: z.coerce
    .number({ message: "Must be a number." })
    .int({ message: "Must be a whole number." })
    .min(1)
    .max(SEARCH_LIMIT_MAX)
    .default(SEARCH_LIMIT_DEFAULT),
  cursor: z.string().min(1).max(200).optional(),
});

// ---- responses ----

export const messageSchema = z
  .object({
    id: z.uuid(),
    message_type: messageTypeSchema,
    content: z.string(),
    is_error: z.boolean(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "Message" });

// On every chat and in every sharing state.
const shareModeFields = {
  share_mode: shareModeSchema.meta({
    description: '"live": the link shows the chat as it is; "snapshot": as it was at snapshot_at',
  }),
  snapshot_at: z.iso
    .datetime()
    .nullable()
    .meta({ description: "when the snapshot the link shows was taken; null: a live link" }),
  shared_at: z.iso
    .datetime()
    .nullable()
    .meta({ description: "when the chat was last made public; null: never shared" }),
};

export const chatSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    share_id: z.string(),
    is_shared: z.boolean(),
    is_discoverable: z.boolean(),
    is_pinned: z.boolean(),
    is_archived: z.boolean(),
    share_url: z.url().nullable(),
    share_expires_at: z.iso
      .datetime()
      .nullable()
      .meta({ description: "when the share link stops working; null: never" }),
    ...shareModeFields,
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
    message_count: z.int().min(0),
    branched_from: z
      .object({
        chat_id: z.uuid().meta({ description: "the chat it was copied from (it may be gone)" }),
        after_message_id: z.uuid().nullable().meta({
          description:
            "the last message of the copy, after which this chat went its own way; null: the copy held none",
        }),
      })
      .nullable()
      .meta({ description: "a branch (POST …/branch/): where it came from; null: not a branch" }),
  })
  .meta({ id: "Chat" });

export const chatDetailSchema = chatSchema
  .extend({ messages: z.array(messageSchema) })
  .meta({ id: "ChatDetail" });

export const chatListSchema = z
  .object({ results: z.array(chatSchema), next_cursor: z.string().nullable() })
  .meta({ id: "ChatList" });

export const searchResultSchema = z
  .object({
    chat_id: z.uuid(),
    title: z.string(),
    is_archived: z.boolean().meta({ description: "archived chats are searched too" }),
    message_id: z.uuid().nullable().meta({ description: "null when the title matched" }),
    snippet: z.string().meta({ description: "plain text around the match (no HTML)" }),
    highlights: z
      .array(z.tuple([z.int().min(0), z.int().min(0)]))
      .meta({ description: "[start, end) ranges of the snippet that matched, in UTF-16 units" }),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "SearchResult" });

export const searchResultsSchema = z
  .object({ results: z.array(searchResultSchema), next_cursor: z.string().nullable() })
  .meta({ id: "SearchResults" });

export const unshareAllSchema = z
  .object({ unshared: z.number().int().min(0) })
  .meta({ id: "UnshareAll" });

export const deleteAllSchema = z
  .object({ deleted: z.number().int().min(0) })
  .meta({ id: "DeleteAll" });

export const archiveAllSchema = z
  .object({ archived: z.number().int().min(0) })
  .meta({ id: "ArchiveAll" });

export const unarchiveAllSchema = z
  .object({ unarchived: z.number().int().min(0) })
  .meta({ id: "UnarchiveAll" });

export const shareStateSchema = z
  .object({
    is_shared: z.boolean(),
    share_id: z.string(),
    share_url: z.url().nullable(),
    share_expires_at: z.iso.datetime().nullable(),
    ...shareModeFields,
  })
  .meta({ id: "ShareState" });

export const sharedChatSchema = z
  .object({
    share_id: z.string(),
    title: z.string(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
    messages: z.array(messageSchema),
  })
  .meta({ id: "SharedChat" });

// ---- exports (GET /api/chats/<id>/export/, GET /api/account/export/) ----

// Markdown first: the menu's download is meant for reading; JSON is for an importer.
export const EXPORT_FORMATS = ["markdown", "json"] as const;
export const EXPORT_VERSION = 1;

export const exportChatQuerySchema = z.strictObject({
  format: z.enum(EXPORT_FORMATS, { message: 'Use "markdown" or "json".' }).default("markdown"),
});

// No options yet: an unknown one is refused rather than silently ignored, as on the list.
export const accountExportQuerySchema = z.strictObject({});

/** The first line of an NDJSON export, and the envelope of a JSON one. */
export const exportHeaderSchema = z
  .object({
    type: z.literal("skillmate.export"),
    version: z.literal(EXPORT_VERSION),
    exported_at: z.iso.datetime(),
  })
  .meta({ id: "ExportHeader" });

/** One chat of an export: an NDJSON line, or an item of a JSON export's `chats`. */
export const exportChatSchema = z
  .object({
    type: z.literal("chat"),
    id: z.uuid(),
    title: z.string(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
    // Absent from files written before they were exported: read as false.
    is_pinned: z.boolean().default(false),
    is_archived: z.boolean().default(false),
    messages: z.array(messageSchema),
  })
  .meta({ id: "ExportChat" });

/** The last line of an NDJSON export: without it, the file was cut short. */
export const exportEndSchema = z
  .object({
    type: z.literal("end"),
    chats: z.int().min(0),
    messages: z.int().min(0),
  })
  .meta({ id: "ExportEnd" });

/** A JSON export (one chat): the header's fields and the chat, in the NDJSON lines' shapes. */
export const exportDocumentSchema = exportHeaderSchema
  .extend({ chats: z.array(exportChatSchema) })
  .meta({ id: "ExportDocument" });

export type MessageIn = z.infer<typeof messageInSchema>;
export type MessageOut = z.infer<typeof messageSchema>;
export type ChatOut = z.infer<typeof chatSchema>;
export type ChatDetailOut = z.infer<typeof chatDetailSchema>;
export type ChatListOut = z.infer<typeof chatListSchema>;
export type ShareStateOut = z.infer<typeof shareStateSchema>;
export type ShareMode = z.infer<typeof shareModeSchema>;
export type RedactIn = z.infer<typeof redactSchema>;
export type SearchResultOut = z.infer<typeof searchResultSchema>;
export type SearchResultsOut = z.infer<typeof searchResultsSchema>;
export type UnshareAllOut = z.infer<typeof unshareAllSchema>;
export type DeleteAllOut = z.infer<typeof deleteAllSchema>;
export type ArchiveAllOut = z.infer<typeof archiveAllSchema>;
export type UnarchiveAllOut = z.infer<typeof unarchiveAllSchema>;
export type SharedChatOut = z.infer<typeof sharedChatSchema>;
export type PatchChatIn = z.infer<typeof patchChatSchema>;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportHeaderOut = z.infer<typeof exportHeaderSchema>;
export type ExportChatOut = z.infer<typeof exportChatSchema>;
export type ExportEndOut = z.infer<typeof exportEndSchema>;
export type ExportDocumentOut = z.infer<typeof exportDocumentSchema>;
