import { hash, parseOptions, verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

// Argon2id through a native binding: hashing runs on libuv's thread pool, off the event
// loop, so sign-in attempts cannot stall other requests; and it reads the whole password
// (bcrypt silently ignores everything past 72 bytes). Parameters: OWASP's first
// recommended set (19 MiB, 2 passes, 1 lane); see docs/security.md for the timing here.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

const BCRYPT = /^\$2[aby]\$/;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  // Accounts made before Argon2id keep their bcrypt hash until their next sign-in.
  if (BCRYPT.test(stored)) return bcrypt.compare(password, stored);
  // A stored value neither format can decode matches no password: a refused sign-in
  // for that account, not a 500.
  return verify(stored, password).catch(() => false);
}

/** Whether a stored hash should be replaced by a fresh one at the next sign-in. */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith("$argon2id$")) return true;
  try {
    const current = parseOptions(stored);
    return (
      current.memoryCost !== ARGON2.memoryCost ||
      current.timeCost !== ARGON2.timeCost ||
      current.parallelism !== ARGON2.parallelism
    );
  } catch {
    return true;
  }
}
