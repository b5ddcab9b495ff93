// The contract of postgres-socket.cjs, for TypeScript importers (db/postgres-options.ts).
import type net from "node:net";

declare namespace postgresSocket {
  type ParsedOptions = { host: string[]; port: number[]; path?: string | false };
}

declare const postgresSocket: {
  openSocket(options: postgresSocket.ParsedOptions): net.Socket;
  reconnectDelaySeconds(retries: number): number;
  failFastOptions(settings: { connectTimeoutS: number }): {
    connect_timeout: number;
    backoff: (retries: number) => number;
    socket: (options: postgresSocket.ParsedOptions) => net.Socket;
  };
};

export = postgresSocket;
