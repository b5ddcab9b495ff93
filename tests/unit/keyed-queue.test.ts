import { expect, test } from "vitest";
import { keyedQueue } from "@/lib/client/keyed-queue";

// The order the sidebar's writes to one chat reach the server in (lib/client/keyed-queue.ts).

const later = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

test("tasks under one key run one after another, in the order queued", async () => {
  const queue = keyedQueue();
  const log: string[] = [];
  const task = (name: string, ms: number) => async () => {
    log.push(`${name} starts`);
    await later(ms, null);
    log.push(`${name} ends`);
    return name;
  };
  // The first is the slowest: without the queue the others would end before it.
  const results = await Promise.all([
    queue("chat", task("unarchive", 30)),
    queue("chat", task("archive", 1)),
    queue("chat", task("pin", 1)),
  ]);
  expect(results).toEqual(["unarchive", "archive", "pin"]);
  expect(log).toEqual([
    "unarchive starts",
    "unarchive ends",
    "archive starts",
    "archive ends",
    "pin starts",
    "pin ends",
  ]);
});

test("tasks under different keys run side by side", async () => {
  const queue = keyedQueue();
  const log: string[] = [];
  const slow = queue("a", async () => {
    await later(30, null);
    log.push("a");
  });
  await queue("b", async () => log.push("b"));
  await slow;
  expect(log).toEqual(["b", "a"]);
});

test("a task that fails rejects its own call, and the next one still runs", async () => {
  const queue = keyedQueue();
  const failed = queue("chat", async () => {
    await later(5, null);
    throw new Error("refused");
  });
  const next = queue("chat", async () => "saved");
  await expect(failed).rejects.toThrow("refused");
  await expect(next).resolves.toBe("saved");
});
