import { execFileSync } from "node:child_process";
import os from "node:os";
import postgres from "postgres";

export type MachineInfo = {
  cores: number;
  cpu: string;
  memory: string;
  node: string;
  postgres: string;
};

/** This machine, and the PostgreSQL at `databaseUrl` (null: the embedded database). */
export async function machineInfo(databaseUrl: string | null): Promise<MachineInfo> {
  const sql = databaseUrl ? postgres(databaseUrl, { max: 1, onnotice: () => {} }) : null;
  try {
    const [row] = sql ? await sql<{ version: string }[]>`select version()` : [];
    const sh = (cmd: string, args: string[]) => {
      try {
        return execFileSync(cmd, args, { encoding: "utf8" }).trim();
      } catch {
        return "unknown";
      }
    };
    const memLine =
      sh("free", ["-g"])
        .split("\n")
        .find((l) => l.startsWith("Mem:")) ?? "";
    const [, total, used] = memLine.split(/\s+/);
    return {
      cores: Number(sh("nproc", [])) || os.availableParallelism(),
      cpu: os.cpus()[0]?.model.trim() ?? "unknown",
      memory: total ? `${total} GB RAM (${used} GB in use at the start)` : "unknown",
      node: process.version,
      postgres: sql ? (row?.version.split(" on ")[0] ?? "unknown") : "PGlite (embedded)",
    };
  } finally {
    await sql?.end();
  }
}

export function describeMachine(m: MachineInfo): string {
  return `${m.cores} cores (${m.cpu}), ${m.memory}, Node ${m.node}, ${m.postgres}`;
}
