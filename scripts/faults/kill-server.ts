// `kill -9` of a running `next start` (issue 10, item 5), found by the port it listens
// on: tests/support/next-server.ts starts the server in a process group of its own and
// keeps its pid to itself, so the listening process is looked up in /proc (Linux) and
// its whole group gets SIGKILL, the server and anything it forked, with no chance to
// clean up.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** The socket inode listening on 127.0.0.1/any address at `port`, from /proc/net/tcp*. */
function listeningInode(port: number): string | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [, local, , state] = fields;
      // 0A: LISTEN. Field 9 is the inode.
      if (state === "0A" && local?.endsWith(`:${hexPort}`)) return fields[9] ?? null;
    }
  }
  return null;
}

/** The pid of the process holding the listening socket of `port`. */
export function pidListeningOn(port: number): number {
  const inode = listeningInode(port);
  if (!inode) throw new Error(`nothing listens on port ${port}`);
  const target = `socket:[${inode}]`;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === target) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  throw new Error(`no process found for the socket listening on port ${port}`);
}

/** The process group of `pid`: field 5 of /proc/<pid>/stat (after the command's name). */
function processGroup(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[2]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * SIGKILL to the process group of whatever listens on `url`'s port; resolves once that
 * process is gone. Refuses a group that is this process's own.
 */
export async function killServerHard(url: string): Promise<{ pid: number; group: number }> {
  const pid = pidListeningOn(Number(new URL(url).port));
  const group = processGroup(pid);
  if (group === processGroup(process.pid)) {
    throw new Error(`the server (pid ${pid}) is in this process's own group ${group}`);
  }
  process.kill(-group, "SIGKILL");
  for (let i = 0; i < 100 && alive(pid); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // A zombie still answers kill(pid, 0) until its parent reaps it; it no longer runs.
  return { pid, group };
}
