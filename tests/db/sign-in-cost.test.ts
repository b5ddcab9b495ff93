import * as argon2 from "@node-rs/argon2";
import { beforeEach, expect, test, vi } from "vitest";
import { getAuthAdapter } from "@/db/auth-adapter";
import { authenticate, registerUser } from "@/lib/identity/accounts";
import { needsRehash } from "@/lib/identity/password";
import { uniqueEmail } from "../helpers/http";

// The real binding, watched: which stored hash each sign-in verifies against, and how
// many hashes it computes. Timings on a shared machine are too noisy to assert.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, hash: vi.fn(real.hash), verify: vi.fn(real.verify) };
});

const verified = () => vi.mocked(argon2.verify).mock.calls.map(([stored]) => String(stored));
const hashed = () => vi.mocked(argon2.hash).mock.calls.length;

beforeEach(() => {
  vi.mocked(argon2.verify).mockClear();
  vi.mocked(argon2.hash).mockClear();
});

test("an unknown email is verified against a dummy Argon2id hash made once, like a known one", async () => {
  const email = uniqueEmail("known");
  await registerUser({ email, password: "the right one" }, null);
  vi.mocked(argon2.hash).mockClear();

  expect(await authenticate(email, "a wrong one")).toBeNull();
  const [known] = verified();
  expect(verified()).toHaveLength(1);

  expect(await authenticate(uniqueEmail("nobody"), "a wrong one")).toBeNull();
  expect(await authenticate(uniqueEmail("nobody"), "another")).toBeNull();
  const [, dummy, again] = verified();
  expect(verified()).toHaveLength(3);
  expect(dummy).not.toBe(known);
  expect(again).toBe(dummy);
  // Same algorithm and parameters as a stored hash, so the same cost.
  expect(dummy).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(needsRehash(dummy ?? "")).toBe(false);
  // At most the one lazy hash for the dummy, then none per attempt.
  expect(hashed()).toBeLessThanOrEqual(1);
  expect(await authenticate(uniqueEmail("nobody"), "third")).toBeNull();
  expect(hashed()).toBeLessThanOrEqual(1);
});

test("an account with no password (made by OAuth) costs a dummy verify and never signs in", async () => {
  const adapter = await getAuthAdapter();
  const email = uniqueEmail("oauth");
  await adapter.createUser?.({ id: crypto.randomUUID(), email, emailVerified: null });
  // Warm the dummy, so that only this attempt's calls are counted.
  await authenticate(uniqueEmail("nobody"), "warm");
  vi.mocked(argon2.verify).mockClear();
  vi.mocked(argon2.hash).mockClear();

  for (const password of ["", "anything", "not anyone's password"]) {
    expect(await authenticate(email, password)).toBeNull();
  }
  expect(verified()).toHaveLength(3);
  expect(new Set(verified()).size).toBe(1);
  expect(verified()[0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(hashed()).toBe(0);
});
