import bcrypt from "bcryptjs";

// bcryptjs: pure JS, so nothing native to build on a fresh machine. Cost 10 keeps a
// sign-in around 60 ms on this hardware.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
