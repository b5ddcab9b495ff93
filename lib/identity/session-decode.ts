import { hkdf } from "@panva/hkdf";
import { base64url, calculateJwkThumbprint, jwtDecrypt } from "jose";
import type { JWT } from "next-auth/jwt";

// Auth.js's JWT decode (@auth/core/jwt.js), with the one change that makes it cheap: the
// key derived from the secret (HKDF, in WebCrypto) and its thumbprint are computed once
// per secret, cookie name and algorithm, not on every request. That derivation was the
// largest single cost of a signed-in request (docs/benchmarks.md). Tokens, algorithms and
// clock tolerance are Auth.js's own, so cookies it issues read the same.

type Enc = "A256CBC-HS512" | "A256GCM";
type DerivedKey = { key: Uint8Array; thumbprint: string };

const KEY_LENGTH: Record<Enc, number> = { "A256CBC-HS512": 64, A256GCM: 32 };
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
      clockTolerance: 15,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256CBC-HS512", "A256GCM"],
    },
  );
  return payload as JWT;
}
