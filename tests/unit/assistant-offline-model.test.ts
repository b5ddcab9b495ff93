import { describe, expect, test } from "vitest";
import { streamAssistantReply } from "@/lib/assistant/generate";
import { OfflineModel } from "@/lib/assistant/offline-model";
import { composeOfflineReply, findSkill } from "@/lib/assistant/offline-reply";

type Prompt = Parameters<OfflineModel["doStream"]>[0]["prompt"];

function prompt(...userTexts: string[]): Prompt {
  return [
    { role: "system", content: "You are SkillMate." },
    ...userTexts.map((text) => ({
      role: "user" as const,
      content: [{ type: "text" as const, text }],
    })),
  ];
}

async function streamedDeltas(model: OfflineModel, p: Prompt): Promise<string[]> {
  const { stream } = await model.doStream({ prompt: p });
  const reader = stream.getReader();
  const deltas: string[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    if (read.value.type === "text-delta") deltas.push(read.value.delta);
  }
  return deltas;
}

describe("offline model", () => {
  test("the same conversation always gets the same reply, streamed or not", async () => {
    const model = new OfflineModel({ chunkDelayMs: 0 });
    const p = prompt("I want to learn to play the guitar");
    const first = (await streamedDeltas(model, p)).join("");
    const second = (await streamedDeltas(model, p)).join("");
    const generated = await model.doGenerate({ prompt: p });
    expect(second).toBe(first);
    expect(generated.content).toEqual([{ type: "text", text: first }]);
    expect(generated.finishReason.unified).toBe("stop");
  });

  test("streams a plan in many small chunks", async () => {
    const deltas = await streamedDeltas(
      new OfflineModel({ chunkDelayMs: 0, wordsPerChunk: 3 }),
      prompt("How do I get started with Python?"),
    );
    expect(deltas.length).toBeGreaterThan(20);
    for (const delta of deltas) expect(delta.trim().split(/\s+/).length).toBeLessThanOrEqual(3);
    const text = deltas.join("");
    expect(text).toContain("## Your starter plan for Python");
    expect(text).toMatch(/### First steps\n1\. /);
    expect(text).toContain("### Practice routine");
    expect(text).toContain("### Common mistakes to avoid");
    expect(text).toMatch(/### Your turn\n.+\?$/);
    expect(text).toContain("hello world"); // programming advice, not a generic plan
  });

  test("streamText accepts it as a language model", async () => {
    const { result, outcome } = streamAssistantReply({
      messages: [{ role: "user", content: "Teach me how to juggle" }],
      model: new OfflineModel({ chunkDelayMs: 0 }),
      timeoutMs: 5_000,
    });
    const text = await result.text;
    expect(text).toContain("juggling");
    expect(await outcome).toEqual({ status: "complete", text });
  });

  test("stops streaming when aborted", async () => {
    const controller = new AbortController();
    const model = new OfflineModel({ chunkDelayMs: 5 });
    const p = prompt("I want to learn Spanish");
    const total = (await streamedDeltas(new OfflineModel({ chunkDelayMs: 0 }), p)).length;
    const { stream } = await model.doStream({ prompt: p, abortSignal: controller.signal });
    const reader = stream.getReader();
    let deltas = 0;
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          if (value.type === "text-delta" && ++deltas === 2) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(deltas).toBe(2);
    expect(total).toBeGreaterThan(2);
  });

  test("an aborted reply keeps the text streamed so far", async () => {
    const controller = new AbortController();
    const { result, outcome } = streamAssistantReply({
      messages: [{ role: "user", content: "I want to learn Spanish" }],
      signal: controller.signal,
      model: new OfflineModel({ chunkDelayMs: 5 }),
      timeoutMs: 5_000,
    });
    let received = "";
    for await (const delta of result.textStream) {
      received += delta;
      if (received.length > 40) controller.abort();
    }
    const reply = await outcome;
    expect(reply.status).toBe("aborted");
    expect(reply.text.startsWith(received)).toBe(true);
    expect(reply.text.length).toBeLessThan(composeOfflineReply(["I want to learn Spanish"]).length);
  });
});

describe("offline replies", () => {
  test.each([
    ["I want to learn to play the guitar", "playing the guitar"],
    ["How do I get started with python?", "Python"],
    ["Can you help me learn Japanese in 6 months?", "Japanese"],
    ["how do I improve my public speaking for work", "public speaking"],
    ["What's the best way to start running?", "running"],
    ["I'm a beginner at watercolor painting", "watercolor painting"],
    ["teach me how to swim", "swimming"],
    ["I'd like to get better at chess, please", "chess"],
    ["how to bake sourdough bread at home", "baking sourdough bread"],
    ["hello", undefined],
    ["I want to learn", undefined],
  ])("%j names the skill %j", (message, skill) => {
    expect(findSkill(message)).toBe(skill);
  });

  test("a greeting gets an invitation to name a skill", () => {
    expect(composeOfflineReply(["hi"])).toContain("what you want to learn");
  });

  test("a follow-up stays on the skill under discussion", () => {
    const history = ["I want to learn Spanish for a trip"];
    expect(composeOfflineReply([...history, "How long will it take?"])).toContain(
      "## How long Spanish takes",
    );
    expect(composeOfflineReply([...history, "Any good books or apps?"])).toContain(
      "## Resources for Spanish",
    );
    expect(composeOfflineReply([...history, "How do I stay motivated?"])).toContain(
      "## Getting unstuck with Spanish",
    );
    expect(composeOfflineReply([...history, "About 20 minutes a day"])).toContain(
      "a concrete first week for Spanish",
    );
  });
});
