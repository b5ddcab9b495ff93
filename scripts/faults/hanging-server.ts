import net from "node:net";

// A provider that hangs (issue 10, item 6): a TCP server on 127.0.0.1 that accepts every
// connection, reads what it is sent and never answers a byte, as a stuck model server or
// a black-holed proxy would. Not an HTTP server: nothing in it can answer by accident.
// `forwardTo` makes new connections reach a working server instead (the provider is back,
// for a Retry), without changing the address the app was configured with.

export type HangingServer = {
  /** An OpenAI-compatible API root on it, for AI_BASE_URL. */
  baseURL: string;
  /** Connections accepted so far. */
  accepted: () => number;
  /**
   * From now on, new connections are piped to this port on 127.0.0.1 (null: hang again).
   * Open connections are dropped, as a provider restarting would: the client's pool may
   * hold one (opened ahead, or kept alive) and would otherwise send its next request
   * into the old behaviour.
   */
  forwardTo: (port: number | null) => void;
  close: () => Promise<void>;
};

export async function startHangingServer(): Promise<HangingServer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  let target: number | null = null;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  };
  const server = net.createServer((socket) => {
    accepted++;
    track(socket);
    if (target === null) {
      socket.resume();
      return;
    }
    const upstream = net.connect(target, "127.0.0.1");
    track(upstream);
    socket.pipe(upstream).pipe(socket);
    upstream.on("close", () => socket.destroy());
    socket.on("close", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    accepted: () => accepted,
    forwardTo: (next) => {
      target = next;
      for (const socket of sockets) socket.destroy();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
