import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../helpers/fake-openai-server";

// lib/env reads the environment once per module instance, so each test sets the variables
// and then imports fresh modules.
const KEYS = ["AI_BASE_URL", "AI_API_KEY", "AI_MODEL", "AI_TIMEOUT_MS"] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

let server: FakeOpenAIServer;

beforeAll(async () => {
  server = await startFakeOpenAIServer({ kind: "stream", chunks: ["Remote", " reply."] });
});

afterAll(async () => {
  await server.close();
});

afterEach(() => {
  for (const key of KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

async function freshModules(vars: Partial<Record<(typeof KEYS)[number], string>>) {
  for (const key of KEYS) delete process.env[key];
  Object.assign(process.env, vars);
  vi.resetModules();
  return {
    provider: await import("@/lib/assistant/provider"),
    generate: await import("@/lib/assistant/generate"),
    env: (await import("@/lib/env")).env,
  };
}

describe("assistant provider selection", () => {
  test("without AI_BASE_URL and AI_MODEL the assistant is offline", async () => {
    const { provider, env } = await freshModules({ AI_MODEL: "only-a-model" });
    expect(provider.assistantMode()).toBe("offline");
    expect(provider.getAssistantModel()).toMatchObject({
      provider: "skillmate",
      modelId: "offline",
    });
    expect(env().AI_TIMEOUT_MS).toBe(60_000);
  });

  test("with AI_BASE_URL and AI_MODEL replies come from that endpoint", async () => {
    const { provider, generate } = await freshModules({
      AI_BASE_URL: server.baseURL,
      AI_API_KEY: "env-key",
      AI_MODEL: "env-model",
      AI_TIMEOUT_MS: "2000",
    });
    expect(provider.assistantMode()).toBe("remote");
    expect(provider.getAssistantModel().modelId).toBe("env-model");

    const { outcome } = generate.streamAssistantReply({
      messages: [{ role: "user", content: "I want to learn Go" }],
    });
    expect(await outcome).toEqual({ status: "complete", text: "Remote reply." });
    expect(server.requests.at(-1)).toMatchObject({
      authorization: "Bearer env-key",
      body: { model: "env-model" },
    });
  });

  test("an invalid AI_BASE_URL is reported with the variable's name", async () => {
    const { env } = await freshModules({ AI_BASE_URL: "not a url" });
    expect(() => env()).toThrow(/AI_BASE_URL/);
  });
});
