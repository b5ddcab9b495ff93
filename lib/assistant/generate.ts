import "server-only";
import { streamText, type TextStreamPart, type ToolSet } from "ai";
import { env } from "@/lib/env";
import { fitHistory } from "./history-budget";
import type { AssistantModel } from "./offline-model";
import { getAssistantModel } from "./provider";

export const SYSTEM_PROMPT = `You are SkillMate, a friendly, encouraging tutor who helps people learn new skills.
- Work out what the learner wants to learn, why, and where they are starting from; when something important is missing, ask one short question.
- Give concrete, actionable guidance: first steps, a realistic practice routine, common mistakes to avoid, and how to tell they are improving.
- Adapt to the learner's level and the time they have, and be honest about how long things take.
- Keep answers focused and easy to skim: short paragraphs, Markdown headings or lists when they help, no filler.
- Never invent links, prices or credentials.
- End with one question or next step that keeps the learner moving.`;

export type ChatTurn = { role: "user" | "assistant"; content: string };

/**
 * How a reply ended, with the text streamed so far in every case: the whole reply when
 * complete, the partial reply when the caller aborted or the provider failed midway.
 */
export type ReplyOutcome =
  | { status: "complete"; text: string }
  | { status: "aborted"; text: string }
  | { status: "error"; text: string; error: unknown };

export class AssistantTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The assistant did not answer within ${timeoutMs / 1000} seconds.`);
    this.name = "AssistantTimeoutError";
  }
}

type Part = TextStreamPart<ToolSet>;

/**
 * streamText reports any abort of its signal, the timeout's included, as an `abort` part,
 * which the client would show like the user pressing stop; a provider that is too slow
 * is a failure, so that abort goes downstream as an error instead.
 */
function timeoutAsError(timedOut: () => boolean, timeoutMs: number) {
  return () =>
    new TransformStream<Part, Part>({
      transform(part, controller) {
        if (part.type === "abort" && timedOut()) {
          controller.enqueue({ type: "error", error: new AssistantTimeoutError(timeoutMs) });
        } else {
          controller.enqueue(part);
        }
      },
    });
}

async function collectReply(
  parts: AsyncIterable<Part>,
  timedOut: () => boolean,
  timeoutMs: number,
): Promise<ReplyOutcome> {
  let text = "";
  let aborted = false;
  let error: unknown;
  let failed = false;
  try {
    for await (const part of parts) {
      if (part.type === "text-delta") text += part.text;
      else if (part.type === "abort") aborted = true;
      else if (part.type === "error" && !failed) {
        failed = true;
        error = part.error;
      }
    }
  } catch (thrown) {
    if (!failed) {
      failed = true;
      error = thrown;
    }
  }
  if (!failed && !aborted) return { status: "complete", text };
  // A timeout can also surface as the provider's own abort error; name it for what it is.
  if (timedOut()) return { status: "error", text, error: new AssistantTimeoutError(timeoutMs) };
  return failed ? { status: "error", text, error } : { status: "aborted", text };
}

export type StreamAssistantReplyOptions = {
  messages: ChatTurn[];
  /** The caller's signal, e.g. the request's: aborting it stops the provider. */
  signal?: AbortSignal;
  model?: AssistantModel;
  /** Whole-reply limit, retries included; AI_TIMEOUT_MS by default. */
  timeoutMs?: number;
  /** The longest reply; AI_MAX_OUTPUT_TOKENS by default. */
  maxOutputTokens?: number;
  /** What the system prompt and the history sent may cost; AI_HISTORY_TOKENS by default. */
  historyTokens?: number;
};

/**
 * Streams SkillMate's reply to a conversation.
 *
 * - `result` is streamText's result: respond with `result.toUIMessageStreamResponse()`
 *   (or read `result.textStream`). Its stream carries an `error` part when the provider
 *   fails or times out (AssistantTimeoutError), and an `abort` part when `signal` aborts;
 *   `toUIMessageStreamResponse({ onError })` decides the message the client sees.
 * - `outcome` settles once the reply is over, whether or not anything reads `result`,
 *   and never rejects: persist `outcome.text` with `outcome.status` ("complete",
 *   "aborted" with the partial text, "error" with the partial text and `error`).
 *   streamText's own onFinish does not run on abort or error, and onAbort only sees
 *   finished steps, hence this.
 */
export function streamAssistantReply({
  messages,
  signal,
  model = getAssistantModel(),
  timeoutMs = env().AI_TIMEOUT_MS,
  maxOutputTokens = env().AI_MAX_OUTPUT_TOKENS,
  historyTokens = env().AI_HISTORY_TOKENS,
}: StreamAssistantReplyOptions) {
  const timeout = AbortSignal.timeout(timeoutMs);
  const abortSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const timedOut = () => timeout.aborted && !signal?.aborted;
  const result = streamText({
    model,
    system: SYSTEM_PROMPT,
    // Newest first, within budget: a long chat must not resend (and bill) all of itself.
    messages: fitHistory(messages, SYSTEM_PROMPT, historyTokens),
    maxOutputTokens,
    abortSignal,
    experimental_transform: timeoutAsError(timedOut, timeoutMs),
    // The outcome carries the error; the caller logs it once, with its request id.
    onError: () => {},
  });
  const outcome = collectReply(result.fullStream, timedOut, timeoutMs);
  return { result, outcome };
}

export type AssistantReply = ReturnType<typeof streamAssistantReply>;
