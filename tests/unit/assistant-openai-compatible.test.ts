import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  AssistantTimeoutError,
  SYSTEM_PROMPT,
  streamAssistantReply,
} from "@/lib/assistant/generate";
import { createOpenAICompatibleModel } from "@/lib/assistant/provider";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../helpers/fake-openai-server";

let server: FakeOpenAIServer;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
});

afterAll(async () => {
  await server.close();
});

function reply(content: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const model = createOpenAICompatibleModel({
    baseURL: server.baseURL,
    apiKey: "test-key",
    model: "fake-tutor",
  });
  return streamAssistantReply({
    messages: [{ role: "user", content }],
    model,
    timeoutMs: options.timeoutMs ?? 5_000,
    signal: options.signal,
  });
}

describe("OpenAI-compatible provider", () => {
  test("streams the chunks in order and completes with the full text", async () => {
    const chunks = ["Start", " with", " ten minutes", " a day", "."];
    server.reply({ kind: "stream", chunks, delayMs: 10 });
    const before = server.requests.length;

    const { result, outcome } = reply("I want to learn to draw");
    const received: string[] = [];
    for await (const delta of result.textStream) received.push(delta);

    expect(received).toEqual(chunks);
    expect(await outcome).toEqual({ status: "complete", text: chunks.join("") });
    const request = server.requests[before];
    expect(request?.authorization).toBe("Bearer test-key");
    expect(request?.body).toMatchObject({
      model: "fake-tutor",
      stream: true,
      messages: [
        { role: "system", content: SYSTEM_PROMPT },
        { role: "user", content: "I want to learn to draw" },
      ],
    });
  });

  test("the UI message stream carries the text for the client", async () => {
    server.reply({ kind: "stream", chunks: ["Practice", " daily."] });
    const { result, outcome } = reply("How do I learn piano?");
    const body = await result.toUIMessageStreamResponse().text();
    expect(body).toContain('"type":"text-delta"');
    expect(body).toContain("Practice");
    expect((await outcome).status).toBe("complete");
  });

  test.each([
    // Retryable statuses are retried (twice, the SDK default) before failing.
    { status: 401, attempts: 1 },
    { status: 500, attempts: 3 },
  ])("an HTTP $status surfaces as an error", async ({ status, attempts }) => {
    server.reply({ kind: "status", status, message: `upstream said ${status}` });
    const before = server.requests.length;

    const { result, outcome } = reply("Teach me chess");
    const body = await result
      .toUIMessageStreamResponse({ onError: () => "provider failed" })
      .text();

    const settled = await outcome;
    expect(settled.status).toBe("error");
    expect(settled.text).toBe("");
    expect(settled.status === "error" && String(settled.error)).toContain(
      `upstream said ${status}`,
    );
    expect(body).toContain('"errorText":"provider failed"');
    expect(server.requests.length - before).toBe(attempts);
  });

  test("a provider that never answers fails by timeout", async () => {
    server.reply({ kind: "hang" });
    const started = Date.now();

    const { result, outcome } = reply("How do I learn to sing?", { timeoutMs: 300 });
    const body = await result.toUIMessageStreamResponse({ onError: (e) => String(e) }).text();

    const settled = await outcome;
    expect(settled.status).toBe("error");
    expect(settled.status === "error" && settled.error).toBeInstanceOf(AssistantTimeoutError);
    expect(body).toContain("did not answer within 0.3 seconds");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test("a stream that stalls midway fails by timeout and keeps the partial text", async () => {
    server.reply({ kind: "stream", chunks: ["First", " steps:", " never sent"], hangAfter: 2 });

    const { outcome } = reply("How do I learn to knit?", { timeoutMs: 300 });

    const settled = await outcome;
    expect(settled.status).toBe("error");
    expect(settled.status === "error" && settled.error).toBeInstanceOf(AssistantTimeoutError);
    expect(settled.text).toBe("First steps:");
  });

  test("aborting stops the request and keeps the partial text", async () => {
    server.reply({ kind: "stream", chunks: ["One", " two", " three", " four"], hangAfter: 2 });
    const controller = new AbortController();

    const { result, outcome } = reply("How do I learn Go?", { signal: controller.signal });
    let received = "";
    for await (const delta of result.textStream) {
      received += delta;
      if (received === "One two") controller.abort();
    }

    expect(await outcome).toEqual({ status: "aborted", text: "One two" });
  });
});
