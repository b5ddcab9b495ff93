// The local PostgreSQL cluster, restarted the way `.ci/run` starts it (Debian's
// pg_ctlcluster, as root). A restart stops every session on the server, the scratch
// database's and anyone else's: the fault run does it once, and always leaves the
// cluster running, even when it fails.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import net from "node:net";

export type Cluster = { version: string; name: string };

/** FAULTS_PG_CLUSTER ("15/main"), else the first version under /etc/postgresql, "main". */
export function localCluster(): Cluster {
  const chosen = process.env.FAULTS_PG_CLUSTER;
  if (chosen) {
    const [version, name = "main"] = chosen.split("/");
    if (version) return { version, name };
  }
  const [version] = readdirSync("/etc/postgresql").sort();
  if (!version) throw new Error("no PostgreSQL cluster under /etc/postgresql");
  return { version, name: "main" };
}

function pgCtlCluster(cluster: Cluster, action: "restart" | "start" | "status") {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(
      "pg_ctlcluster",
      ["--skip-systemctl-redirect", cluster.version, cluster.name, action],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output: output.trim() }));
  });
}

/** pg_ctlcluster restart (fast shutdown: sessions are ended, transactions rolled back). */
export async function restartCluster(cluster: Cluster) {
  const startedAt = performance.now();
  const { code, output } = await pgCtlCluster(cluster, "restart");
  const returnedAt = performance.now();
  if (code !== 0) throw new Error(`pg_ctlcluster restart failed (${code}): ${output}`);
  return { startedAt, returnedAt };
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Starts the cluster if it is not running, and waits until `url`'s port accepts. */
export async function ensureClusterRunning(cluster: Cluster, url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const host = hostname || "127.0.0.1";
  const portNumber = Number(port || 5432);
  const status = await pgCtlCluster(cluster, "status");
  // pg_ctl status: 0 running, 3 not running.
  if (status.code !== 0) {
    console.error(`PostgreSQL ${cluster.version}/${cluster.name} is not running: starting it`);
    const started = await pgCtlCluster(cluster, "start");
    if (started.code !== 0) {
      throw new Error(`pg_ctlcluster start failed (${started.code}): ${started.output}`);
    }
  }
  for (let i = 0; i < 60; i++) {
    if (await accepts(host, portNumber)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`PostgreSQL does not accept connections on ${host}:${portNumber}`);
}
