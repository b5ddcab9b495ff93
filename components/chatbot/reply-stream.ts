import { request } from "@/lib/client/chats-api";
import type { ChatbotRequest } from "@/lib/validation/chatbot";

// Reads POST /api/chatbot's AI SDK UI message stream (server-sent events of JSON chunks).
// Only text and errors matter here, so a small reader beats useChat's message model,
// whose ids would have to be mapped onto the ones the server stores.

/** The request body, as the server validates it (lib/validation/chatbot.ts). */
export type ReplyRequest = ChatbotRequest;

export type ReplyEvents = {
  onDelta: (text: string) => void;
  onError: (message: string) => void;
};

type Chunk = { type: string; delta?: string; errorText?: string };

/**
 * Silence after which the connection counts as dead (a half-open socket never ends by
 * itself). The server gives up on a reply after AI_TIMEOUT_MS (60 s by default), first
 * word included, and then says so in the stream: this is well past it.
 */
const IDLE_MS = 90_000;

/** The stream stopped before the server said the reply was over: the connection dropped or the server died. */
export class ReplyInterrupted extends Error {
  constructor() {
    super("The reply was interrupted.");
    this.name = "ReplyInterrupted";
  }
}

/**
 * Sends the turn. Resolves once the server has taken it (its message is stored and the
 * reply starts); rejects with ApiError when it refused or did not answer.
 */
export function openReply(body: ReplyRequest, signal: AbortSignal): Promise<Response> {
  return request("/api/chatbot", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
}

/** Resolves when the reply is over; rejects with ReplyInterrupted when it broke off. */
export async function readReply(response: Response, events: ReplyEvents): Promise<void> {
  if (!response.body) throw new ReplyInterrupted();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let over = false;
  try {
    for (;;) {
      const { value, done } = await readWithin(reader, IDLE_MS);
      if (done) break;
      buffer += value;
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        over = handleEvent(buffer.slice(0, end), events) || over;
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
      }
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    // Stop's abort stays an abort; a connection lost before the end is an interruption.
    if (error instanceof DOMException && error.name === "AbortError") throw error;
  }
  if (!over) throw new ReplyInterrupted();
}

async function readWithin<T>(reader: ReadableStreamDefaultReader<T>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReplyInterrupted()), ms);
  });
  try {
    return await Promise.race([reader.read(), idle]);
  } finally {
    clearTimeout(timer);
  }
}

/** Handles one event; true when it is one the server only sends once the reply is over. */
function handleEvent(event: string, events: ReplyEvents): boolean {
  const data = event
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trimStart())
    .join("\n");
  if (data === "[DONE]") return true;
  if (!data) return false;
  let chunk: Chunk;
  try {
    chunk = JSON.parse(data) as Chunk;
  } catch {
    return false;
  }
  if (chunk.type === "text-delta" && chunk.delta) events.onDelta(chunk.delta);
  else if (chunk.type === "error") {
    events.onError(chunk.errorText || "SkillMate could not answer just now. Please try again.");
    return true;
  }
  return chunk.type === "finish" || chunk.type === "abort";
}
