import net from "node:net";

// A TCP server that speaks just enough of PostgreSQL's wire protocol (v3) to make the
// real driver build its real errors, without a database: refuse the startup with an
// ErrorResponse (FATAL, any SQLSTATE), or accept it and then fail or drop the first query.

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** ErrorResponse: severity, SQLSTATE and message fields, as the server sends them. */
export function errorResponse(code: string, text: string, severity = "FATAL"): Buffer {
  const field = (tag: string, value: string) => Buffer.from(`${tag}${value}\0`, "utf8");
  return message(
    "E",
    Buffer.concat([
      field("S", severity),
      field("V", severity),
      field("C", code),
      field("M", text),
      Buffer.from([0]),
    ]),
  );
}

const authenticationOk = () => message("R", Buffer.from([0, 0, 0, 0]));
const readyForQuery = () => message("Z", Buffer.from("I", "latin1"));

export type FakeBehaviour =
  /** Answers the startup message with this FATAL error, then closes (as postmaster does). */
  | { startup: { code: string; message: string } }
  /** Accepts the startup, then answers the first query with this error. */
  | { query: { code: string; message: string } }
  /** Accepts the startup, then closes the connection when the first query arrives. */
  | { dropOnQuery: true }
  /** Accepts the TCP connection and closes it before saying anything. */
  | { closeAtOnce: true }
  /** Accepts the TCP connection and never answers. */
  | { silent: true };

export type FakePostgres = { url: string; close: () => Promise<void> };

export async function fakePostgres(behaviour: FakeBehaviour): Promise<FakePostgres> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    if ("closeAtOnce" in behaviour) return void socket.end();
    if ("silent" in behaviour) return;
    let started = false;
    socket.on("data", () => {
      if (!started) {
        started = true;
        if ("startup" in behaviour) {
          socket.end(errorResponse(behaviour.startup.code, behaviour.startup.message));
        } else {
          socket.write(Buffer.concat([authenticationOk(), readyForQuery()]));
        }
        return;
      }
      if ("query" in behaviour) {
        const { code, message: text } = behaviour.query;
        socket.write(Buffer.concat([errorResponse(code, text, "ERROR"), readyForQuery()]));
      } else if ("dropOnQuery" in behaviour) {
        socket.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `postgres://fake@127.0.0.1:${port}/fake`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (just closed): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
