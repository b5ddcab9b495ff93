import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A small OpenAI-compatible chat server on 127.0.0.1 for tests: it answers
// `POST …/chat/completions` with the reply the test scripted, streamed as SSE
// (`data: {…}` chunks, then `data: [DONE]`) or as one JSON body when `stream` is false.

export type FakeReply =
  /** Streams `chunks` as content deltas; with `hangAfter`, stops after that many and never ends. */
  | { kind: "stream"; chunks: string[]; delayMs?: number; hangAfter?: number }
  /** An error status with an OpenAI-style error body. */
  | { kind: "status"; status: number; message?: string }
  /** Accepts the request and never answers. */
  | { kind: "hang" };

export type RecordedRequest = {
  path: string;
  authorization: string | undefined;
  body: {
    model?: string;
    stream?: boolean;
    messages?: { role: string; content: unknown }[];
    [key: string]: unknown;
  };
};

export type FakeOpenAIServer = {
  /** The API root to configure the client with (requests go to `${baseURL}/chat/completions`). */
  baseURL: string;
  requests: RecordedRequest[];
  /** The reply to give from now on, or a function choosing it per request. */
  reply(next: FakeReply | ((request: RecordedRequest) => FakeReply)): void;
  close(): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function completionChunk(model: string, delta: object, finishReason: string | null): string {
  const chunk = {
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: 0,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const piece of req) body += piece;
  return body;
}

async function answer(res: ServerResponse, reply: FakeReply, request: RecordedRequest) {
  const model = request.body.model ?? "fake-model";
  if (reply.kind === "hang") return;
  if (reply.kind === "status") {
    // retry-after-ms: 0 lets the client retry retryable statuses without its backoff delay.
    res.writeHead(reply.status, { "content-type": "application/json", "retry-after-ms": "0" });
    const message = reply.message ?? `fake error ${reply.status}`;
    res.end(JSON.stringify({ error: { message, type: "fake_error", code: reply.status } }));
    return;
  }
  if (!request.body.stream) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: "chatcmpl-fake",
        object: "chat.completion",
        created: 0,
        model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: reply.chunks.join("") },
            finish_reason: "stop",
          },
        ],
      }),
    );
    return;
  }
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  for (const [i, content] of reply.chunks.entries()) {
    if (reply.hangAfter !== undefined && i >= reply.hangAfter) return;
    if (reply.delayMs) await sleep(reply.delayMs);
    if (res.destroyed) return;
    res.write(completionChunk(model, i === 0 ? { role: "assistant", content } : { content }, null));
  }
  if (reply.hangAfter !== undefined && reply.hangAfter >= reply.chunks.length) return;
  res.write(completionChunk(model, {}, "stop"));
  res.end("data: [DONE]\n\n");
}

export async function startFakeOpenAIServer(
  initial: FakeReply = { kind: "stream", chunks: ["Hello", " from", " the fake", " server."] },
): Promise<FakeOpenAIServer> {
  let choose: (request: RecordedRequest) => FakeReply = () => initial;
  const requests: RecordedRequest[] = [];

  const server = createServer(async (req, res) => {
    const path = req.url ?? "/";
    if (req.method !== "POST" || !path.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `no route for ${req.method} ${path}` } }));
      return;
    }
    let body: RecordedRequest["body"];
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "invalid JSON" } }));
      return;
    }
    const request = { path, authorization: req.headers.authorization, body };
    requests.push(request);
    await answer(res, choose(request), request);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    reply(next) {
      choose = typeof next === "function" ? next : () => next;
    },
    close() {
      // Hanging replies keep their sockets open; close them too.
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
