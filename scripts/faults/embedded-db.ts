// The embedded database (PGlite in DATA_DIR) killed with SIGKILL in the middle of writes,
// then opened again (issue 10, item 5). The writer and the checker are child processes
// (scripts/faults/embedded-child.ts): the writer must die the hard way, and the checker
// must open the directory as a new process would, taking over the lock the dead one left.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const CHILD = path.resolve("scripts/faults/embedded-child.ts");

/** What the checker found in the reopened database. */
export type EmbeddedState = {
  chats: { id: string; messageCount: number; stored: number }[];
  messageIds: string[];
  /** (chat, content) pairs stored more than once. */
  duplicateContents: number;
  /** Rows the checker wrote after reopening: the database takes writes again. */
  writableAfter: boolean;
};

export type EmbeddedKillResult = {
  acknowledged: number;
  lost: number;
  duplicated: number;
  /** Chats whose message_count differs from their stored messages. */
  inconsistentChats: number;
  /** Whether the dead writer's lock file was there when the checker started. */
  staleLock: boolean;
  writableAfter: boolean;
  reopenMs: number;
};

function childProcess(mode: "write" | "check", dataDir: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", CHILD, mode], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function collect(child: ChildProcess) {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { stdout: () => stdout, stderr: () => stderr };
}

/**
 * Starts the writer, waits until it has acknowledged `killAfter` messages (each printed
 * only once its transaction committed), kills it with SIGKILL while it keeps writing,
 * then opens the directory again in a new process and compares.
 */
export async function killEmbeddedWriter({
  dataDir,
  killAfter = 60,
  timeoutMs = 60_000,
}: {
  dataDir: string;
  killAfter?: number;
  timeoutMs?: number;
}): Promise<EmbeddedKillResult> {
  const writer = childProcess("write", dataDir);
  const output = collect(writer);
  const acknowledged = new Set<string>();
  let buffered = "";
  // "close", not "exit": its output is read to the end first. Lines that arrive after
  // the kill were printed before it, so they were committed and count too; a line cut
  // short (none should be: each write is one small, atomic pipe write) does not.
  const exited = new Promise<void>((resolve) => writer.once("close", () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `the writer acknowledged only ${acknowledged.size} writes in ${timeoutMs / 1000} s; it printed:\n${output.stderr()}`,
            ),
          ),
        timeoutMs,
      );
      writer.stdout?.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) {
          const [kind, id] = line.split(" ");
          if (kind === "ack" && id) acknowledged.add(id);
        }
        if (acknowledged.size >= killAfter) {
          clearTimeout(timer);
          // The writer keeps writing: the kill lands in the middle of a transaction.
          writer.kill("SIGKILL");
          resolve();
        }
      });
      writer.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the writer exited by itself (${signal ?? code}):\n${output.stderr()}`));
      });
    });
  } finally {
    if (writer.exitCode === null && writer.signalCode === null) writer.kill("SIGKILL");
    await exited;
  }

  const staleLock = existsSync(path.join(dataDir, "pglite.lock"));
  const started = performance.now();
  const state = await checkEmbedded(dataDir, timeoutMs);
  const reopenMs = performance.now() - started;

  const counts = new Map<string, number>();
  for (const id of state.messageIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return {
    acknowledged: acknowledged.size,
    lost: [...acknowledged].filter((id) => !counts.has(id)).length,
    duplicated: [...counts.values()].filter((n) => n > 1).length + state.duplicateContents,
    inconsistentChats: state.chats.filter((c) => c.messageCount !== c.stored).length,
    staleLock,
    writableAfter: state.writableAfter,
    reopenMs,
  };
}

async function checkEmbedded(dataDir: string, timeoutMs: number): Promise<EmbeddedState> {
  const checker = childProcess("check", dataDir);
  const output = collect(checker);
  const code = await new Promise<number | string | null>((resolve) => {
    const timer = setTimeout(() => checker.kill("SIGKILL"), timeoutMs);
    checker.once("exit", (exitCode, signal) => {
      clearTimeout(timer);
      resolve(signal ?? exitCode);
    });
  });
  const line = output
    .stdout()
    .split("\n")
    .find((l) => l.startsWith("state "));
  if (code !== 0 || !line) {
    throw new Error(`reopening the embedded database failed (${code}):\n${output.stderr()}`);
  }
  return JSON.parse(line.slice("state ".length)) as EmbeddedState;
}
