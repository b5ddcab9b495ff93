import { z } from "./zod";

// POST /api/chats/import/: what the server answers, read by the settings page too.

export const IMPORT_FORMATS = ["chatgpt", "skillmate"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_SKIP_REASONS = ["already_imported", "empty"] as const;

export const importSkippedSchema = z
  .object({
    id: z.string().meta({ description: "the conversation's id in the file" }),
    title: z.string().nullable(),
    reason: z.enum(IMPORT_SKIP_REASONS).meta({
      description:
        "already_imported: imported before, with every message; empty: no user or assistant text",
    }),
  })
  .meta({ id: "ImportSkipped" });

export const importResultSchema = z
  .object({
    format: z.enum(IMPORT_FORMATS),
    imported: z.int().min(0).meta({ description: "chats created" }),
    updated: z
      .int()
      .min(0)
      .meta({ description: "chats imported before that got messages they lacked" }),
    skipped: z.array(importSkippedSchema),
    messages: z.int().min(0).meta({ description: "messages stored" }),
    messages_left_out: z.int().min(0).meta({
      description:
        "messages of the file not imported: system, tool, hidden, not text, other branches",
    }),
  })
  .meta({ id: "ImportResult" });

export type ImportSkippedOut = z.infer<typeof importSkippedSchema>;
export type ImportResultOut = z.infer<typeof importResultSchema>;
