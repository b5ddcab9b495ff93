import { installPeerAddressHook } from "@/lib/http/peer-address-hook";

// Requests in these tests carry the socket peer the way the server records it, so
// per-address limits see what they would see behind `next start`.
installPeerAddressHook();

let next = 1;

/** A client address of its own for one test (documentation range, never routed). */
export function newAddress(): string {
  const n = next++;
  return `198.18.${Math.floor(n / 250) + (process.pid % 200)}.${(n % 250) + 1}`;
}

/** Headers of a request from `address`, with whatever X-Forwarded-For the client made up. */
export function fromAddress(address: string, spoofed?: string): Record<string, string> {
  return {
    "x-skillmate-peer": address,
    ...(spoofed ? { "x-forwarded-for": spoofed } : {}),
  };
}
