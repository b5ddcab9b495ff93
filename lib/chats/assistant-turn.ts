import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { isDatabaseUnavailable } from "@/db/errors";
import { listMessagesByChat, type Owner } from "@/db/queries/chats";
import { type ReplyOutcome, streamAssistantReply } from "@/lib/assistant/generate";
import { assertAwaitingReply, assertOwnsChat } from "@/lib/chats/reads";
import { deleteReplyToReplace, replaceForEdit, saveMessages } from "@/lib/chats/writes";
import { enterTurn } from "@/lib/lifecycle/shutdown";
import { reserveReply } from "@/lib/limits/replies";
import { safeErrorSummary } from "@/lib/log-safe";
import type { ChatbotRequest } from "@/lib/validation/chatbot";

export const ERROR_REPLY = "SkillMate could not answer just now. Please try again.";

/**
 * One turn of the chatbot: the caller's reply quota is checked first (a refusal stores
 * nothing), the user's message is stored before the assistant starts (same idempotent
 * path as the API), then the reply streams. `saved` settles once the reply, complete,
 * stopped part-way, or failed, is stored too, and the caller's reply slot is free again.
 *
 * While the server shuts down (lib/lifecycle/shutdown.ts) a new turn is refused with 503,
 * and a turn in flight that outlasts the grace period is stopped like a Stop would: its
 * partial reply is stored, or, with nothing produced yet, the retryable error reply.
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
  // Registered before anything is stored, so that shutdown waits for (or stops) it.
  const turn = enterTurn();
  try {
    // Ownership first: someone else's chat is a 404 that costs no quota.
    await assertOwnsChat({ chatId: request.chat_id, owner });
    if (!request.message && !request.retry_of) await assertAwaitingReply(request.chat_id);
    const reservation = await reserveReply(owner);
    const { chatId, result, outcome } = await storeAndStream({
      owner,
      request,
      signal: AbortSignal.any([signal, turn.signal]),
    }).catch(async (error: unknown) => {
      await reservation.refund();
      throw error;
    });
    const saved = outcome
      .then((o) =>
        saveReply({
          owner,
          chatId,
          id: request.assistant_id,
          outcome: o,
          requestId,
          stoppedByShutdown: turn.stoppedByShutdown(),
        }),
      )
      .finally(reservation.release);
    turn.until(saved);
    return { result, saved };
  } catch (error) {
    turn.leave();
    throw error;
  }
}

/**
 * Stores the user's message (or deletes the last reply a Retry or Regenerate replaces:
 * 409 if `retry_of` is not the chat's last reply; for an Edit, replaces the message edited
 * and all after it with the new one), then streams.
 */
async function storeAndStream({
  owner,
  request,
  signal,
}: {
  owner: Owner;
  request: ChatbotRequest;
  signal: AbortSignal;
}) {
  if (request.retry_of) {
    await deleteReplyToReplace({ chatId: request.chat_id, owner, id: request.retry_of });
  }
  const message = request.message && {
    id: request.message.id,
    messageType: "user" as const,
    content: request.message.content,
  };
  const { chat } =
    request.edit_of && message
      ? await replaceForEdit({
          chatId: request.chat_id,
          owner,
          id: request.edit_of,
          replacement: message,
        })
      : await saveMessages({ chatId: request.chat_id, owner, messages: message ? [message] : [] });
  const history = (await listMessagesByChat({ chatId: chat.id }))
    .filter((m) => !m.isError && m.id !== request.assistant_id)
    .map((m) => ({ role: m.messageType, content: m.content }));
  return { chatId: chat.id, ...streamAssistantReply({ messages: history, signal }) };
}

// The person watched this reply stream in: a database that is down for a moment as it
// ends must not lose it. Tried again for this long; the reply's id makes a repeat harmless.
const SAVE_REPLY_PATIENCE_MS = 30_000;

async function saveReplyMessage(args: Parameters<typeof saveMessages>[0]) {
  const deadline = Date.now() + SAVE_REPLY_PATIENCE_MS;
  for (let wait = 250; ; wait = Math.min(wait * 2, 4_000)) {
    try {
      return await saveMessages(args);
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + wait > deadline) throw error;
      await sleep(wait);
    }
  }
}

async function saveReply({
  owner,
  chatId,
  id,
  outcome,
  requestId,
  stoppedByShutdown,
}: {
  owner: Owner;
  chatId: string;
  id: string;
  outcome: ReplyOutcome;
  requestId: string;
  stoppedByShutdown: boolean;
}) {
  const errorReply = { id, messageType: "assistant" as const, content: ERROR_REPLY, isError: true };
  if (outcome.status === "error") {
    // Never the error object itself: provider errors carry the conversation.
    console.error(`[request ${requestId}] assistant failed: ${safeErrorSummary(outcome.error)}`);
    await saveReplyMessage({ chatId, owner, messages: [errorReply] });
    return;
  }
  if (!outcome.text.trim()) {
    // A reply the person stopped before its first word leaves nothing to keep. One a
    // shutdown stopped gets the error reply, so that the chat offers Retry.
    if (stoppedByShutdown) await saveReplyMessage({ chatId, owner, messages: [errorReply] });
    return;
  }
  await saveReplyMessage({
    chatId,
    owner,
    messages: [{ id, messageType: "assistant", content: outcome.text }],
  });
}
