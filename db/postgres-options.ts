import { env } from "@/lib/env";
import postgresSocket from "./postgres-socket.cjs";

// How the app's postgres.js clients (the pool in db/client.ts and the migrator's)
// connect, so that a database that is down fails a request within seconds and one that
// is back is used again at once, without a restart (docs/operations.md):
//
// - connect_timeout (DB_CONNECT_TIMEOUT_S, 3 s), a reconnect delay of at most 1 s, and
//   a socket that turns a close before the server's first byte into an error
//   (db/postgres-socket.cjs, shared with the cache handlers' client);
// - idle_timeout (DB_IDLE_TIMEOUT_S, 30 s): idle pooled connections are closed, so
//   connections that died with the server do not linger in the pool.

export const { openSocket, reconnectDelaySeconds } = postgresSocket;

/**
 * How long `end()` waits for queries under way before it drops the connections. Without
 * a timeout postgres.js 3.4.9 never settles `end()` once a connection closed under a
 * query (porsager/postgres#1097): after any outage, closing would hang.
 */
export const END_TIMEOUT_S = 5;

/** Connection options shared by the app's postgres.js clients. */
export function postgresOptions() {
  const e = env();
  return {
    ...postgresSocket.failFastOptions({ connectTimeoutS: e.DB_CONNECT_TIMEOUT_S }),
    idle_timeout: e.DB_IDLE_TIMEOUT_S,
    onnotice: () => {},
  };
}
