import { CONTENT_MAX } from "./chat";
import { z } from "./zod";

/** POST /api/chatbot: the user's new message, and the id its reply will be saved under. */
export const chatbotRequestSchema = z.strictObject({
  chat_id: z.uuid(),
  // Omitted to regenerate a reply to the conversation as it stands (Retry).
  message: z
    .strictObject({ id: z.uuid(), content: z.string().trim().min(1).max(CONTENT_MAX) })
    .optional(),
  assistant_id: z.uuid(),
  // The failed reply that a Retry replaces.
  retry_of: z.uuid().optional(),
});

export type ChatbotRequest = z.infer<typeof chatbotRequestSchema>;
