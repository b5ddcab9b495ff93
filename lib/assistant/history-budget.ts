import type { ChatTurn } from "./generate";

// What a conversation costs to send: a paid model bills every input token of every
// reply, and a long chat would resend all of it each time. Without a tokenizer for
// every provider, ~4 characters a token (plus a few per message) is the estimate.
const CHARS_PER_TOKEN = 4;
const TOKENS_PER_MESSAGE = 4;

export const estimateTokens = (text: string) =>
  Math.ceil(text.length / CHARS_PER_TOKEN) + TOKENS_PER_MESSAGE;

/**
 * The newest messages that fit in `budget` tokens once the system prompt is counted.
 * The newest message always goes (cut to the budget if it alone is longer: its start is
 * kept, where a question usually is); older ones go while they fit, whole.
 */
export function fitHistory(messages: ChatTurn[], systemPrompt: string, budget: number): ChatTurn[] {
  let left = budget - estimateTokens(systemPrompt);
  const kept: ChatTurn[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as ChatTurn;
    const cost = estimateTokens(message.content);
    if (cost <= left) {
      kept.push(message);
      left -= cost;
    } else {
      if (kept.length === 0) {
        const room = Math.max(0, left - TOKENS_PER_MESSAGE) * CHARS_PER_TOKEN;
        kept.push({ ...message, content: message.content.slice(0, room) });
      }
      break;
    }
  }
  return kept.reverse();
}
