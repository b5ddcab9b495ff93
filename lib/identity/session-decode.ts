import { hkdf } from "@panva/hkdf";
import { base64url, calculateJwkThumbprint, jwtDecrypt } from "jose";
import type { JWT } from "next-auth/jwt";

// Auth.js's JWT decode (@auth/core/jwt.js), made cheap for a browser that sends the same
// session cookie on every request:
// - the key derived from the secret (HKDF, in WebCrypto) and its thumbprint are computed
//   once per secret, cookie name and algorithm, not per request (it was the largest single
//   cost of a signed-in request: docs/benchmarks.md);
// - a token once decrypted is remembered until it expires: the same token always holds
//   the same claims, and only tokens that decrypted are kept (a bounded map, the least
//   recently used dropped first), so nothing can be planted in it.
// Tokens, algorithms and clock tolerance are Auth.js's own, so cookies it issues read the
// same.

type Enc = "A256CBC-HS512" | "A256GCM";
type DerivedKey = { key: Uint8Array; thumbprint: string };

const KEY_LENGTH: Record<Enc, number> = { "A256CBC-HS512": 64, A256GCM: 32 };
const CLOCK_TOLERANCE_S = 15;
const MAX_DECODED = 10_000;
// By token, with the secrets and cookie name it was read with.
const decoded = new Map<string, JWT>();
// A handful of entries: one per secret in rotation, cookie name and algorithm.
const derived = new Map<string, Promise<DerivedKey>>();

function derivedKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  if (!(enc in KEY_LENGTH)) throw new Error("Unsupported JWT Content Encryption Algorithm");
  const id = JSON.stringify([enc, secret, salt]);
  let entry = derived.get(id);
  if (!entry) {
    entry = (async () => {
      const key = await hkdf(
        "sha256",
        secret,
        salt,
        `Auth.js Generated Encryption Key (${salt})`,
        KEY_LENGTH[enc as Enc],
      );
      const thumbprint = await calculateJwkThumbprint(
        { kty: "oct", k: base64url.encode(key) },
        `sha${key.byteLength << 3}` as "sha256" | "sha384" | "sha512",
      );
      return { key, thumbprint };
    })();
    derived.set(id, entry);
    // A failed derivation is not kept: the next request tries again.
    entry.catch(() => derived.delete(id));
  }
  return entry;
}

/** Decodes an Auth.js session JWT (a drop-in for next-auth/jwt's `decode`). */
export async function decodeSession(params: {
  token?: string;
  secret: string | string[];
  salt: string;
}): Promise<JWT | null> {
  const { token, salt } = params;
  if (!token) return null;
  const secrets = Array.isArray(params.secret) ? params.secret : [params.secret];
  const id = JSON.stringify([token, salt, secrets]);
  const known = decoded.get(id);
  if (known) {
    decoded.delete(id);
    if (!expired(known)) {
      decoded.set(id, known);
      return known;
    }
  }
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      for (const secret of secrets) {
        const { key, thumbprint } = await derivedKey(enc, secret, salt);
        if (kid === undefined || kid === thumbprint) return key;
      }
      throw new Error("no matching decryption secret");
    },
    {
      clockTolerance: CLOCK_TOLERANCE_S,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256CBC-HS512", "A256GCM"],
    },
  );
  if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value as string);
  decoded.set(id, payload as JWT);
  return payload as JWT;
}

/** Past its expiry (with jwtDecrypt's tolerance): read again, and refused. */
function expired(claims: JWT): boolean {
  const exp = typeof claims.exp === "number" ? claims.exp : Number.POSITIVE_INFINITY;
  return Date.now() / 1000 > exp + CLOCK_TOLERANCE_S;
}
