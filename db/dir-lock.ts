import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

export class DirectoryInUseError extends Error {
  constructor(readonly pid: number) {
    super(
      `the embedded database is in use by process ${pid}; set DATABASE_URL to run several processes`,
    );
    this.name = "DirectoryInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no lock of its own and two processes opening one data directory corrupt
 * it, so the first opener writes its pid into `<dir>.lock`. A lock whose process has
 * died (a crash, kill -9) is taken over. Returns the function that releases it.
 */
export function lockDirectory(dir: string): () => void {
  const lockFile = `${dir}.lock`;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          unlinkSync(lockFile);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new DirectoryInUseError(pid);
      unlinkSync(lockFile);
    }
  }
  throw new Error(`could not lock ${dir}: another process keeps replacing ${lockFile}`);
}
