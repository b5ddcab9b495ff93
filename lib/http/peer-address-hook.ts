import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

// Next hands route handlers a Request without the socket, and fills X-Forwarded-For
// with the peer only when the client sent none, so a client can pick its own address.
// Node announces every request on this channel before the server sees it: the peer is
// written into a header of our own there, replacing any value the client sent.
const KEY = Symbol.for("skillmate.peer-address-hook");
// Also named in client-address.ts; kept here so that this file imports nothing of ours.
const PEER_HEADER = "x-skillmate-peer";

type RequestStart = { request: IncomingMessage; socket: Socket };

export function installPeerAddressHook(): void {
  const state = globalThis as { [KEY]?: boolean };
  if (state[KEY]) return;
  state[KEY] = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as RequestStart;
    request.headers[PEER_HEADER] = socket.remoteAddress ?? "";
  });
}

/** Whether this process records peers (the server does; a test calling handlers does not). */
export function peerAddressHookInstalled(): boolean {
  return Boolean((globalThis as { [KEY]?: boolean })[KEY]);
}
