// Tasks under one key run one after another, in the order they were queued; under
// different keys, side by side. The sidebar's changes to one chat go through it: an Undo
// and the Archive clicked right after it are two requests, and the server must see them in
// the order they were made, or the chat ends as the first one left it.

export type KeyedQueue = <T>(key: string, task: () => Promise<T>) => Promise<T>;

export function keyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(() => task());
    // A failed task is its caller's to handle; the next one runs all the same.
    const tail = run.catch(() => {});
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
