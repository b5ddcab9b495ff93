import { newId } from "@/lib/client/chats-api";
import type { ChatDetailOut, ChatOut, MessageOut } from "@/lib/validation/chat";
import type { UiMessage } from "./message-item";

export const INTERRUPTED = "The reply was interrupted.";

export function summary({ messages: _messages, ...chat }: ChatDetailOut): ChatOut {
  return chat;
}

/** The empty assistant message a reply streams into, under the id the server stores it by. */
export function pendingReply(): UiMessage {
  return { id: newId(), role: "assistant", content: "", isError: false, streaming: true };
}

const fromStored = (m: MessageOut): UiMessage => ({
  id: m.id,
  role: m.message_type,
  content: m.content,
  isError: m.is_error,
});

/**
 * The stored messages before `firstId` (the first one shown). When it is not there (an
 * Edit replaced it, and the chat was read before or after that), the first `count`: the
 * ones the page did not carry, which an Edit of messages after them leaves as they were.
 */
export function earlierThan(
  firstId: string | undefined,
  stored: MessageOut[],
  count: number,
): UiMessage[] {
  const at = stored.findIndex((m) => m.id === firstId);
  return stored.slice(0, at >= 0 ? at : count).map(fromStored);
}

/**
 * A chat as stored. A last message of the user's has no reply: the server died or lost
 * its connection mid-turn (the user's message is stored before the reply starts, the
 * reply when it ends), so it gets a notice with Retry; unless this tab is still
 * `answering` it (a turn from before the person opened another chat and came back).
 * Neither is stored: their ids only have to be stable between the server's render and
 * the browser's.
 */
export function toUi(chat: ChatDetailOut | null, answering: boolean): UiMessage[] {
  const list = (chat?.messages ?? []).map(fromStored);
  const last = list.at(-1);
  if (last?.role !== "user") return list;
  const id = `${last.id}-reply`;
  return [
    ...list,
    answering
      ? { id, role: "assistant", content: "", isError: false, streaming: true }
      : { id, role: "assistant", content: INTERRUPTED, isError: true, interrupted: true },
  ];
}
