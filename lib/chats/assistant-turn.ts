import "server-only";
import { deleteErrorMessage, listMessagesByChat, type Owner } from "@/db/queries/chats";
import { type ReplyOutcome, streamAssistantReply } from "@/lib/assistant/generate";
import { saveMessages } from "@/lib/chats/save-messages";
import type { ChatbotRequest } from "@/lib/validation/chatbot";

export const ERROR_REPLY = "SkillMate could not answer just now. Please try again.";

/**
 * One turn of the chatbot: the user's message is stored before the assistant starts
 * (same idempotent path as the API), then the reply streams. `saved` settles once the
 * reply, complete, stopped part-way, or failed, is stored too.
 */
export async function startAssistantTurn({
  owner,
  request,
  signal,
  requestId,
}: {
  owner: Owner;
  request: ChatbotRequest;
  signal: AbortSignal;
  requestId: string;
}) {
  if (request.retry_of) {
    await deleteErrorMessage({ chatId: request.chat_id, owner, id: request.retry_of });
  }
  const { chat } = await saveMessages({
    chatId: request.chat_id,
    owner,
    messages: request.message
      ? [{ id: request.message.id, messageType: "user", content: request.message.content }]
      : [],
  });
  const history = (await listMessagesByChat({ chatId: chat.id }))
    .filter((m) => !m.isError && m.id !== request.assistant_id)
    .map((m) => ({ role: m.messageType, content: m.content }));

  const { result, outcome } = streamAssistantReply({ messages: history, signal });
  const saved = outcome.then((o) =>
    saveReply({ owner, chatId: chat.id, id: request.assistant_id, outcome: o, requestId }),
  );
  return { chat, result, saved };
}

async function saveReply({
  owner,
  chatId,
  id,
  outcome,
  requestId,
}: {
  owner: Owner;
  chatId: string;
  id: string;
  outcome: ReplyOutcome;
  requestId: string;
}) {
  if (outcome.status === "error") {
    console.error(`[request ${requestId}] assistant failed`, outcome.error);
    await saveMessages({
      chatId,
      owner,
      messages: [{ id, messageType: "assistant", content: ERROR_REPLY, isError: true }],
    });
    return;
  }
  // A reply stopped before its first word leaves nothing to keep.
  if (!outcome.text.trim()) return;
  await saveMessages({
    chatId,
    owner,
    messages: [{ id, messageType: "assistant", content: outcome.text }],
  });
}
