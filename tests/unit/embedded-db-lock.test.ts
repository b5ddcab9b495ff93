import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, expect, test } from "vitest";
import { DirectoryInUseError, lockDirectory } from "@/db/dir-lock";

const root = mkdtempSync(path.join(tmpdir(), "skillmate-lock-"));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// A child that opens and migrates PGlite takes ~6 s alone, several times that on a busy
// machine: these tests wait for it rather than fail.
const CHILD_TIMEOUT_MS = 120_000;

function holdDatabase(dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "tests/fixtures/hold-db.ts"],
    {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

test(
  "a second process opening the embedded database is refused with a clear message",
  async () => {
    const dataDir = path.join(root, "two-processes");
    const holder = await holdDatabase(dataDir);
    let caught: unknown;
    try {
      lockDirectory(path.join(dataDir, "pglite"));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DirectoryInUseError);
    expect((caught as Error).message).toBe(
      `the embedded database is in use by process ${holder.pid}; set DATABASE_URL to run several processes`,
    );
  },
  CHILD_TIMEOUT_MS,
);

test(
  "the lock is released when the holder closes, and can be taken again",
  async () => {
    const dataDir = path.join(root, "release");
    const holder = await holdDatabase(dataDir);
    const exited = new Promise((resolve) => holder.on("exit", resolve));
    holder.stdin?.end();
    await exited;
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
    const release = lockDirectory(path.join(dataDir, "pglite"));
    release();
  },
  CHILD_TIMEOUT_MS,
);

test("a lock left by a process that died is taken over", () => {
  const dir = path.join(root, "stale");
  // PIDs are capped well below this on Linux, so no live process has it.
  writeFileSync(`${dir}.lock`, "4194304999");
  const release = lockDirectory(dir);
  release();
  expect(existsSync(`${dir}.lock`)).toBe(false);
});
