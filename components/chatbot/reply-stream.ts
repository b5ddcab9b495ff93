import { errorFrom } from "@/lib/client/chats-api";

// Reads POST /api/chatbot's AI SDK UI message stream (server-sent events of JSON chunks).
// Only text and errors matter here, so a small reader beats useChat's message model,
// whose ids would have to be mapped onto the ones the server stores.

export type ReplyRequest = {
  chat_id: string;
  assistant_id: string;
  message?: { id: string; content: string };
  retry_of?: string;
};

export type ReplyEvents = {
  onDelta: (text: string) => void;
  onError: (message: string) => void;
};

type Chunk = { type: string; delta?: string; errorText?: string };

/** Resolves when the stream ends; rejects with ApiError when the server refuses the turn. */
export async function streamReply(
  body: ReplyRequest,
  signal: AbortSignal,
  events: ReplyEvents,
): Promise<void> {
  const response = await fetch("/api/chatbot", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok || !response.body) throw await errorFrom(response);

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      handleEvent(buffer.slice(0, end), events);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
    }
  }
}

function handleEvent(event: string, events: ReplyEvents) {
  const data = event
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trimStart())
    .join("\n");
  if (!data || data === "[DONE]") return;
  let chunk: Chunk;
  try {
    chunk = JSON.parse(data) as Chunk;
  } catch {
    return;
  }
  if (chunk.type === "text-delta" && chunk.delta) events.onDelta(chunk.delta);
  else if (chunk.type === "error") {
    events.onError(chunk.errorText || "SkillMate could not answer just now. Please try again.");
  }
}
