import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";
import { peerAddressHookInstalled } from "./peer-address-hook";

// The address a request came from, for per-address limits. X-Forwarded-For is written
// by whoever sends the request, so only the entries appended by proxies we run count:
// TRUSTED_PROXY_HOPS of them, read from the right. The hop next to us is the socket's
// peer, which the server records itself (peer-address-hook.ts) where a client cannot.

/** Set on every incoming request by the server, overwriting anything a client sent. */
export const PEER_HEADER = "x-skillmate-peer";

/**
 * The client address, given the forwarded chain and the socket's peer: with no proxy
 * trusted it is the peer; with N trusted proxies, the entry each of them vouches for.
 * A chain shorter than the trusted hops is a misconfiguration or a direct caller
 * pretending to be a proxy: the leftmost entry we have is as far as we can go.
 */
export function clientAddressFrom({
  forwardedFor,
  peer,
  trustedHops,
}: {
  forwardedFor: string | null;
  peer: string | null;
  trustedHops: number;
}): string {
  const chain = [
    ...(forwardedFor ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
    ...(peer ? [peer] : []),
  ];
  const picked = chain[Math.max(0, chain.length - 1 - trustedHops)];
  return picked ? limitKeyOf(picked) : "unknown";
}

/**
 * One key per client: IPv4 addresses as they are, IPv6 by /64 (one home or one server
 * gets a whole /64, so per-address keys would let it rotate through 2^64 of them).
 * Whatever does not parse as an address is one shared "invalid" key, never a new one.
 */
export function limitKeyOf(address: string): string {
  const bare = address
    .replace(/^\[(.*)\](?::\d+)?$/, "$1")
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  if (!ipaddr.isValid(bare)) return "invalid";
  const parsed = ipaddr.process(bare);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(":")}::/64`;
}

/** The address of the client behind a request, as TRUSTED_PROXY_HOPS allows us to know it. */
export function clientAddress(headers: Headers): string {
  return clientAddressFrom({
    forwardedFor: headers.get("x-forwarded-for"),
    // Without the hook (handlers called directly, as in tests) the header is a
    // client's word; Next then fills X-Forwarded-For with the peer when it is missing.
    peer: peerAddressHookInstalled() ? headers.get(PEER_HEADER) : null,
    trustedHops: env().TRUSTED_PROXY_HOPS,
  });
}
