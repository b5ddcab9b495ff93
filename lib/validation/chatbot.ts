import { CONTENT_MAX } from "./chat";
import { z } from "./zod";

/** POST /api/chatbot: the user's new message, and the id its reply will be saved under. */
export const chatbotRequestSchema = z.strictObject({
  chat_id: z.uuid(),
  // Omitted to answer the conversation as it stands (Retry, Regenerate).
  message: z
    .strictObject({ id: z.uuid(), content: z.string().trim().min(1).max(CONTENT_MAX) })
    .optional(),
  assistant_id: z.uuid(),
  // The reply that a Retry (of a failed one) or a Regenerate replaces: the chat's last
  // message, and an assistant's; any other is a 409 conflict.
  retry_of: z.uuid().optional(),
});

export type ChatbotRequest = z.infer<typeof chatbotRequestSchema>;
