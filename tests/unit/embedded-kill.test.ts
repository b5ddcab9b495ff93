import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { killEmbeddedWriter } from "../../scripts/faults/embedded-db";

// Issue 10, item 5: the embedded database killed with SIGKILL in the middle of writes
// opens again, in a new process that takes over the dead one's lock, with every write
// it acknowledged (printed after the commit) stored once and the chats' counts right.
// A unit test although it opens PGlite: it runs child processes on a directory of its
// own, the same on either project's database, so it runs once.

const root = mkdtempSync(path.join(tmpdir(), "skillmate-kill-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("the embedded database killed mid-write reopens with every acknowledged write", {
  timeout: 120_000,
}, async () => {
  const result = await killEmbeddedWriter({ dataDir: root, killAfter: 60 });

  expect(result.acknowledged).toBeGreaterThanOrEqual(60);
  // The writer died holding the lock: the reopening process had to take it over.
  expect(result.staleLock).toBe(true);
  expect(result).toMatchObject({
    lost: 0,
    duplicated: 0,
    inconsistentChats: 0,
    writableAfter: true,
  });
});
