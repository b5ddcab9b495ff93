import { nanoid } from "nanoid";

// 22 characters of nanoid's 64-symbol URL-safe alphabet: 132 random bits (contract: ≥120).
export const SHARE_ID_LENGTH = 22;
export const SHARE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function newShareId(): string {
  return nanoid(SHARE_ID_LENGTH);
}
