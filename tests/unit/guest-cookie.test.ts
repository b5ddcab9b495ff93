import { describe, expect, test } from "vitest";
import {
  guestCookieValue,
  guestSetCookie,
  newGuestId,
  verifyGuestCookie,
} from "@/lib/identity/guest";

// Read lazily by lib/env at the first signature.
process.env.AUTH_SECRET = "unit-test-secret-0123456789abcdef";

describe("guest cookie", () => {
  test("a signed guest id verifies", () => {
    const id = newGuestId();
    expect(verifyGuestCookie(guestCookieValue(id))).toBe(id);
  });

  test.each([
    ["missing", undefined],
    ["empty", ""],
    ["unsigned", "6f1d2c1e-8a3b-4c5d-9e0f-123456789abc"],
    ["forged signature", "6f1d2c1e-8a3b-4c5d-9e0f-123456789abc.AAAA"],
    ["extra part", `${crypto.randomUUID()}.x.y`],
    ["not a uuid", "guest.abc"],
  ])("%s is rejected", (_label, value) => {
    expect(verifyGuestCookie(value)).toBeNull();
  });

  test("another guest's signature does not fit this id", () => {
    const a = newGuestId();
    const b = newGuestId();
    const signatureOfB = guestCookieValue(b).split(".")[1];
    expect(verifyGuestCookie(`${a}.${signatureOfB}`)).toBeNull();
  });

  test("the cookie is httpOnly and SameSite=Lax; on an http site, not Secure", () => {
    const header = guestSetCookie(newGuestId());
    expect(header).toMatch(/^skillmate_guest=/);
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Lax");
    expect(header).not.toContain("Secure");
  });
});
