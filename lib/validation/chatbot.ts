import { CONTENT_MAX } from "./chat";
import { z } from "./zod";

/** POST /api/chatbot: the user's new message, and the id its reply will be saved under. */
export const chatbotRequestSchema = z
  .strictObject({
    chat_id: z.uuid(),
    // Omitted to answer the conversation as it stands (Retry, Regenerate).
    message: z
      .strictObject({ id: z.uuid(), content: z.string().trim().min(1).max(CONTENT_MAX) })
      .optional(),
    assistant_id: z.uuid(),
    // The reply that a Retry (of a failed one) or a Regenerate replaces: the chat's last
    // message, and an assistant's; any other is a 409 conflict.
    retry_of: z.uuid().optional(),
    // The user message an Edit replaces with `message`: it and every message after it give
    // way to `message` in one step, then the turn goes on as a new one. A reply, or a
    // message no longer in the chat, is a 409 conflict.
    edit_of: z.uuid().optional(),
  })
  .refine((body) => !body.edit_of || (body.message && !body.retry_of), {
    message: "edit_of needs the new message, and cannot go with retry_of",
    path: ["edit_of"],
  });

export type ChatbotRequest = z.infer<typeof chatbotRequestSchema>;
