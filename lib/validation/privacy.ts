import { z } from "zod";
import { PRIVACY_KINDS } from "@/lib/privacy/kinds";

export const privacyFindingSchema = z
  .object({
    message_id: z
      .uuid()
      .nullable()
      .meta({ description: "The message holding it; null for the chat's title" }),
    kind: z.enum(PRIVACY_KINDS),
    excerpt: z.string().meta({
      description:
        "The value masked (e.g. `j***@e***.com`, `**** **** **** 4242`, `sk-…a1B2`) with a little text around it, every other finding in it masked too; never the whole value",
    }),
    start: z.number().int().min(0).meta({ description: "Offset in UTF-16 code units" }),
    end: z.number().int().min(0).meta({ description: "End offset (exclusive), UTF-16" }),
    redacted: z.boolean().meta({
      description:
        "Whether it is hidden in the chat's current snapshot (always false for a live link)",
    }),
  })
  .meta({ id: "PrivacyFinding" });

export const privacyCheckSchema = z
  .object({
    findings: z.array(privacyFindingSchema),
    scanned_messages: z.number().int().min(0),
  })
  .meta({ id: "PrivacyCheck" });

export type PrivacyFindingOut = z.infer<typeof privacyFindingSchema>;
export type PrivacyCheckOut = z.infer<typeof privacyCheckSchema>;
