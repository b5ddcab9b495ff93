import bcrypt from "bcryptjs";
import { expect, test } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/identity/password";

test("passwords are hashed with Argon2id and verify only with themselves", async () => {
  const stored = await hashPassword("correct horse battery");
  expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(await verifyPassword("correct horse battery", stored)).toBe(true);
  expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
  expect(needsRehash(stored)).toBe(false);
});

test("every byte counts: passwords that differ only after byte 72 are different", async () => {
  const prefix = "a".repeat(150);
  const stored = await hashPassword(`${prefix}-one`);
  expect(await verifyPassword(`${prefix}-one`, stored)).toBe(true);
  expect(await verifyPassword(`${prefix}-two`, stored)).toBe(false);
  // What bcrypt did: the same two passwords were one.
  const legacy = await bcrypt.hash(`${prefix}-one`, 4);
  expect(await bcrypt.compare(`${prefix}-two`, legacy)).toBe(true);
});

test("bcrypt hashes from before still verify, and ask to be replaced", async () => {
  for (const prefix of ["$2a$", "$2b$", "$2y$"]) {
    const stored = (await bcrypt.hash("old password", 4)).replace(/^\$2.\$/, prefix);
    expect(await verifyPassword("old password", stored)).toBe(true);
    expect(await verifyPassword("other password", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  }
  expect(needsRehash("$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).toBe(
    true,
  );
});

test("a stored value that is no hash matches no password (a refusal, not an error)", async () => {
  for (const stored of ["", "garbage", "$argon2id$v=19$m=19456,t=2,p=1$xx$yy", "$2b$10$short"]) {
    expect(await verifyPassword("anything", stored)).toBe(false);
  }
});

test("hashing and verifying run off the event loop: a timer keeps firing meanwhile", async () => {
  const stored = await hashPassword("warm up");
  let fired = 0;
  const timer = setInterval(() => {
    fired += 1;
  }, 1);
  // Each takes ~15 ms of CPU on libuv's thread pool. Run on the loop (as hashSync or
  // bcryptjs's rounds would), the timer could not fire until all of them were done.
  await Promise.all([
    hashPassword("one"),
    hashPassword("two"),
    verifyPassword("three", stored),
    verifyPassword("four", stored),
  ]);
  clearInterval(timer);
  expect(fired).toBeGreaterThan(2);
});
