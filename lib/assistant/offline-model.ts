import type { LanguageModel } from "ai";
import { composeOfflineReply } from "./offline-reply";

// `ai` exposes the provider spec only inside its LanguageModel union. Taking the v3 member
// from there keeps the spec version the one the installed SDK expects, without a direct
// dependency on @ai-sdk/provider that would have to be kept in step with it.
export type AssistantModel = Extract<LanguageModel, { specificationVersion: "v3" }>;
type CallOptions = Parameters<AssistantModel["doGenerate"]>[0];
type GenerateResult = Awaited<ReturnType<AssistantModel["doGenerate"]>>;
type StreamResult = Awaited<ReturnType<AssistantModel["doStream"]>>;
type StreamPart = StreamResult["stream"] extends ReadableStream<infer P> ? P : never;

export type OfflineModelOptions = {
  /** Pause before each chunk, so the reply streams like a remote model's. */
  chunkDelayMs?: number;
  wordsPerChunk?: number;
};

const TEXT_ID = "text-0";

function userMessages(prompt: CallOptions["prompt"]): string[] {
  return prompt.flatMap((message) =>
    message.role === "user"
      ? [
          message.content
            .map((part) => (part.type === "text" ? part.text : ""))
            .join(" ")
            .trim(),
        ]
      : [],
  );
}

function chunk(text: string, wordsPerChunk: number): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerChunk) {
    chunks.push(words.slice(i, i + wordsPerChunk).join(""));
  }
  return chunks;
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The reply cut to the caller's maxOutputTokens (a word stands in for a token). */
function replyTo(prompt: CallOptions["prompt"], maxOutputTokens: number | undefined) {
  const text = composeOfflineReply(userMessages(prompt));
  if (!maxOutputTokens) return { text, finish: "stop" as const };
  const words = text.match(/\s*\S+/g) ?? [];
  if (words.length <= maxOutputTokens) return { text, finish: "stop" as const };
  return { text: words.slice(0, maxOutputTokens).join(""), finish: "length" as const };
}

function usage(prompt: CallOptions["prompt"], reply: string): GenerateResult["usage"] {
  // Words stand in for tokens: there is no tokenizer offline, and usage is informative only.
  const input = wordCount(userMessages(prompt).join(" "));
  const output = wordCount(reply);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}

/** Resolves after `ms`, or as soon as the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

function abortError(signal: AbortSignal): unknown {
  // Mirrors fetch: the stream fails with the signal's reason, an AbortError by default,
  // which streamText reports as an abort rather than a model error.
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException("The operation was aborted.", "AbortError");
}

/**
 * SkillMate without a network: a real AI SDK language model whose answers come from
 * offline-reply, so the app works (and streams) with no provider configured.
 */
export class OfflineModel implements AssistantModel {
  readonly specificationVersion = "v3";
  readonly provider = "skillmate";
  readonly modelId = "offline";
  readonly supportedUrls = {};
  private readonly chunkDelayMs: number;
  private readonly wordsPerChunk: number;

  constructor({ chunkDelayMs = 20, wordsPerChunk = 3 }: OfflineModelOptions = {}) {
    this.chunkDelayMs = chunkDelayMs;
    this.wordsPerChunk = Math.max(1, wordsPerChunk);
  }

  async doGenerate({ prompt, abortSignal, maxOutputTokens }: CallOptions): Promise<GenerateResult> {
    abortSignal?.throwIfAborted();
    const { text, finish } = replyTo(prompt, maxOutputTokens);
    return {
      content: [{ type: "text", text }],
      finishReason: { unified: finish, raw: finish },
      usage: usage(prompt, text),
      warnings: [],
    };
  }

  async doStream({ prompt, abortSignal, maxOutputTokens }: CallOptions): Promise<StreamResult> {
    abortSignal?.throwIfAborted();
    const { text, finish } = replyTo(prompt, maxOutputTokens);
    const parts: StreamPart[] = [
      { type: "stream-start", warnings: [] },
      { type: "text-start", id: TEXT_ID },
      ...chunk(text, this.wordsPerChunk).map(
        (delta): StreamPart => ({ type: "text-delta", id: TEXT_ID, delta }),
      ),
      { type: "text-end", id: TEXT_ID },
      {
        type: "finish",
        finishReason: { unified: finish, raw: finish },
        usage: usage(prompt, text),
      },
    ];
    const delayMs = this.chunkDelayMs;
    let next = 0;
    const stream = new ReadableStream<StreamPart>({
      async pull(controller) {
        const part = parts[next++];
        if (!part) {
          controller.close();
          return;
        }
        if (part.type === "text-delta" && delayMs > 0) await pause(delayMs, abortSignal);
        if (abortSignal?.aborted) {
          controller.error(abortError(abortSignal));
          return;
        }
        controller.enqueue(part);
      },
    });
    return { stream };
  }
}
