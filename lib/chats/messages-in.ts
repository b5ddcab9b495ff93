import type { NewMessage } from "@/db/queries/chats";
import type { MessageIn } from "@/lib/validation/chat";

/** The API's snake_case MessageIn as the data layer's NewMessage. */
export function toNewMessage(m: MessageIn): NewMessage {
  return { id: m.id, messageType: m.message_type, content: m.content, isError: m.is_error };
}
