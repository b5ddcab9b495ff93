import { expect, test } from "vitest";
import { clientAddressFrom, limitKeyOf } from "@/lib/http/client-address";

test.each([
  // [X-Forwarded-For, socket peer, trusted hops, client address]
  [null, "203.0.113.7", 0, "203.0.113.7"],
  // Trusting none, a client's own header changes nothing.
  ["198.51.100.1", "203.0.113.7", 0, "203.0.113.7"],
  ["1.1.1.1, 2.2.2.2", "203.0.113.7", 0, "203.0.113.7"],
  // Behind one proxy (nginx appends the address it saw): the entry it added.
  ["203.0.113.7", "10.0.0.2", 1, "203.0.113.7"],
  ["6.6.6.6, 203.0.113.7", "10.0.0.2", 1, "203.0.113.7"],
  // Two proxies (a CDN, then nginx).
  ["6.6.6.6, 203.0.113.7, 192.0.2.10", "10.0.0.2", 2, "203.0.113.7"],
  // Fewer entries than trusted hops: the leftmost there is.
  [null, "10.0.0.2", 1, "10.0.0.2"],
  ["203.0.113.7", "10.0.0.2", 5, "203.0.113.7"],
  // Without a recorded peer (handlers called in-process), the header's last entry.
  ["198.51.100.1", null, 0, "198.51.100.1"],
  [null, null, 0, "unknown"],
  // Garbage is one shared key, never a new bucket per string.
  ["not-an-ip", "10.0.0.2", 1, "invalid"],
  ["<script>", "10.0.0.2", 1, "invalid"],
])("XFF %j, peer %j, %i hops → %s", (forwardedFor, peer, trustedHops, expected) => {
  expect(clientAddressFrom({ forwardedFor, peer, trustedHops })).toBe(expected);
});

test.each([
  ["203.0.113.7", "203.0.113.7"],
  ["203.0.113.7:51234", "203.0.113.7"],
  ["::ffff:203.0.113.7", "203.0.113.7"],
  // One IPv6 client rotating through its /64 stays one key.
  ["2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"],
  ["2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
  ["[2001:db8:1:2::5]:443", "2001:db8:1:2::/64"],
  ["2001:db8:1:3::1", "2001:db8:1:3::/64"],
  ["", "invalid"],
  ["999.1.1.1", "invalid"],
])("limit key of %s is %s", (address, key) => {
  expect(limitKeyOf(address)).toBe(key);
});
