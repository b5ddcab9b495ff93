import net from "node:net";

// A TCP proxy between the app's database client and PostgreSQL, for outage tests that
// must not touch the real server (other test files use it at the same time): cutting the
// proxy is the database going away, for this client only.

/** How the database looks from the client while the proxy is cut. */
export type Outage =
  /** Nothing listens: connecting is refused at once (a stopped server). */
  | "refuse"
  /** Connections are accepted and closed before a word (a TCP proxy or container port
   * whose PostgreSQL is down or restarting). */
  | "close"
  /** Connections are accepted and never answered (a host that stopped responding). */
  | "silent";

export type TcpProxy = {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  /** Drops every open connection (the client sees them closed), then behaves as `outage`. */
  cut(outage: Outage): Promise<void>;
  /** Forwards again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
  /** Connections forwarded to PostgreSQL right now. */
  forwarding(): number;
  /** Client connections open right now, whatever the proxy does with them. */
  open(): number;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let state: Outage | "up" = "up";
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  const held = new Set<net.Socket>();
  const accepted = new Set<net.Socket>();

  const server = net.createServer((client) => {
    accepted.add(client);
    client.on("close", () => accepted.delete(client));
    client.on("error", () => {});
    // What the client sends is read and dropped: unread, the socket would never see the
    // client's own close.
    if (state !== "up") client.resume();
    if (state === "close") return void client.end();
    if (state === "silent" || state === "refuse") {
      held.add(client);
      client.on("close", () => held.delete(client));
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    upstream.on("error", () => client.destroy());
    client.on("close", () => {
      pairs.delete(pair);
      upstream.destroy();
    });
    upstream.on("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen(0);
  const { port } = server.address() as net.AddressInfo;

  const dropAll = () => {
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
    for (const socket of held) socket.destroy();
    held.clear();
  };
  const stopListening = () =>
    new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));

  return {
    port,
    urlFor(url) {
      const proxied = new URL(url);
      proxied.hostname = "127.0.0.1";
      proxied.port = String(port);
      return proxied.toString();
    },
    async cut(outage) {
      state = outage;
      if (outage === "refuse") {
        // close() waits for open connections to end: they are dropped right after.
        const stopped = stopListening();
        dropAll();
        await stopped;
      } else {
        dropAll();
      }
    },
    async restore() {
      // Handshakes left hanging by a silent outage end now (the client sees them fail).
      dropAll();
      state = "up";
      if (!server.listening) await listen(port);
    },
    async close() {
      state = "refuse";
      const stopped = stopListening();
      dropAll();
      for (const socket of accepted) socket.destroy();
      await stopped;
    },
    forwarding: () => pairs.size,
    open: () => accepted.size,
  };
}
