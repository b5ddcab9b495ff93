// @ts-check
// How every postgres.js client of the app fails fast while PostgreSQL is away and
// reconnects by itself once it is back (docs/operations.md). Plain CommonJS: the app's
// pool and migrator (db/postgres-options.ts) and the cache handlers' client
// (lib/cache/shared-tags.cjs, loaded by Next outside the app bundle) use the same code.
const net = require("node:net");

/**
 * The options postgres.js passes to `socket` (parsed: hosts and ports as arrays).
 * @typedef {{ host: string[], port: number[], path?: string | false }} ParsedOptions
 */

let nextHost = 0;

/**
 * @param {string} host
 * @param {number} port
 */
function closedBeforeAnswering(host, port) {
  return Object.assign(
    new Error(`CONNECTION_CLOSED: ${host}:${port} closed the connection before answering`),
    { code: "CONNECTION_CLOSED", errno: "CONNECTION_CLOSED", address: host, port },
  );
}

/**
 * A socket for postgres.js, connecting as it would itself (its connect_timeout covers
 * the TCP connection and the handshake, and a refused connection is an `error` event),
 * except that a close before the server's first byte is an error too. A server that
 * accepts the TCP connection and closes it before answering (a TCP proxy, or a
 * container's port, in front of a PostgreSQL that is down or restarting) otherwise makes
 * postgres.js 3.4.9 reconnect at once, in a loop (~500 times a second, measured here),
 * and the query never settles: porsager/postgres#1193.
 * @param {ParsedOptions} options
 * @returns {net.Socket}
 */
function openSocket(options) {
  const index = nextHost++ % Math.max(1, options.host.length);
  const host = options.host[index] ?? "localhost";
  const port = options.port[index] ?? options.port[0] ?? 5432;
  const socket = options.path ? net.connect(options.path) : net.connect(port, host);
  // postgres.js names the server in its errors from these, as on its own sockets.
  Object.assign(socket, { host, port });
  socket.once("end", () => {
    // A PostgreSQL server always answers the startup (or SSL) request before closing.
    if (socket.bytesRead === 0) socket.destroy(closedBeforeAnswering(host, port));
  });
  return socket;
}

/**
 * After `retries` failed attempts in a row: 0.1, 0.2, 0.4, 0.8, then 1 s, with jitter.
 * postgres.js's default grows to 10–20 s, which a request then waits through, during an
 * outage and for as long after it.
 * @param {number} retries
 */
function reconnectDelaySeconds(retries) {
  return Math.min(0.1 * 2 ** Math.max(0, retries - 1), 1) * (0.5 + Math.random() / 2);
}

/**
 * What makes a client fail fast and come back unaided, to spread into its options.
 * `connect_timeout`: a connection attempt (TCP and startup) not finished by then fails
 * (postgres.js's default is 30 s).
 * @param {{ connectTimeoutS: number }} settings
 */
function failFastOptions({ connectTimeoutS }) {
  return {
    connect_timeout: connectTimeoutS,
    backoff: reconnectDelaySeconds,
    // Not in postgres.js's types; documented in its README ("Custom socket").
    socket: openSocket,
  };
}

module.exports = { openSocket, reconnectDelaySeconds, failFastOptions };
