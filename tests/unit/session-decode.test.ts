import { decode, encode } from "next-auth/jwt";
import { afterEach, describe, expect, test, vi } from "vitest";
import { decodeSession } from "@/lib/identity/session-decode";

// The cached decode reads exactly what Auth.js writes and refuses what Auth.js's own
// decode refuses.

const secret = "test-secret-test-secret-test-secret-0123";
const salt = "authjs.session-token";
const claims = { sub: "user-1", name: "Ada", email: "ada@example.test" };

describe("decodeSession", () => {
  test("reads a token Auth.js encoded, again and again, as Auth.js's decode does", async () => {
    const token = await encode({ token: claims, secret, salt });
    const ours = await decodeSession({ token, secret, salt });
    expect(ours).toEqual(await decode({ token, secret, salt }));
    expect(ours).toMatchObject(claims);
    // The second read uses the cached key.
    expect(await decodeSession({ token, secret, salt })).toEqual(ours);
  });

  test("a rotated secret list still reads tokens of the older secret", async () => {
    const token = await encode({ token: claims, secret, salt });
    const read = await decodeSession({
      token,
      secret: ["a-newer-secret-0123456789", secret],
      salt,
    });
    expect(read).toMatchObject(claims);
  });

  test("another secret, another cookie name, or a changed token is refused", async () => {
    const token = await encode({ token: claims, secret, salt });
    await expect(
      decodeSession({ token, secret: "another-secret-0123456789ab", salt }),
    ).rejects.toThrow();
    await expect(
      decodeSession({ token, secret, salt: "__Secure-authjs.session-token" }),
    ).rejects.toThrow();
    const parts = token.split(".");
    parts[3] = `${parts[3]?.slice(0, -2)}AA`;
    await expect(decodeSession({ token: parts.join("."), secret, salt })).rejects.toThrow();
    expect(await decodeSession({ token: "", secret, salt })).toBeNull();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  test("a token read before is refused once it expires", async () => {
    const token = await encode({ token: claims, secret, salt, maxAge: 60 });
    expect(await decodeSession({ token, secret, salt })).toMatchObject(claims);
    vi.useFakeTimers({ now: Date.now() + 120_000, toFake: ["Date"] });
    await expect(decodeSession({ token, secret, salt })).rejects.toThrow();
  });

  test("an expired token is refused", async () => {
    const token = await encode({ token: claims, secret, salt, maxAge: -60 });
    await expect(decodeSession({ token, secret, salt })).rejects.toThrow();
  });
});
