import { expect, test } from "vitest";
import type { ChatTurn } from "@/lib/assistant/generate";
import { estimateTokens, fitHistory } from "@/lib/assistant/history-budget";

const turn = (i: number, size = 400): ChatTurn => ({
  role: i % 2 ? "assistant" : "user",
  content: `${i}:`.padEnd(size, "x"),
});

test("keeps the newest messages that fit, in order, with the system prompt counted", () => {
  const history = Array.from({ length: 50 }, (_, i) => turn(i));
  const system = "s".repeat(400);
  const budget = 1000;
  const kept = fitHistory(history, system, budget);
  const cost = kept.reduce((sum, m) => sum + estimateTokens(m.content), estimateTokens(system));
  expect(cost).toBeLessThanOrEqual(budget);
  // As many as fit: one more would not.
  expect(cost + estimateTokens(turn(0).content)).toBeGreaterThan(budget);
  expect(kept.at(-1)).toEqual(history.at(-1));
  expect(kept).toEqual(history.slice(history.length - kept.length));
});

test("a short chat goes whole", () => {
  const history = [turn(0, 10), turn(1, 10), turn(2, 10)];
  expect(fitHistory(history, "system", 6000)).toEqual(history);
});

test("the newest message alone over budget is cut to the budget, start kept", () => {
  const long: ChatTurn = { role: "user", content: `Question: ${"y".repeat(100_000)}` };
  const kept = fitHistory([turn(0), long], "system", 1000);
  expect(kept).toHaveLength(1);
  expect(kept[0]?.content.startsWith("Question: ")).toBe(true);
  expect(estimateTokens("system") + estimateTokens(kept[0]?.content ?? "")).toBeLessThanOrEqual(
    1000,
  );
});
