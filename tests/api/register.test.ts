import { describe, expect, test } from "vitest";
import { POST } from "@/app/api/register/route";
import { getUserCredentialsByEmail } from "@/db/queries/users";
import { authenticate } from "@/lib/identity/accounts";
import { resolveCaller } from "@/lib/identity/caller";
import { guestCookieValue, newGuestId } from "@/lib/identity/guest";
import { chatIdsOf, newChat } from "../helpers/chats";
import { callRoute, cookieHeaderFrom, uniqueEmail } from "../helpers/http";

const register = (call: Omit<Parameters<typeof callRoute>[1], "path">) =>
  callRoute(POST, { path: "/api/register", method: "POST", ...call });

describe("POST /api/register", () => {
  test("creates the account and signs it in", async () => {
    const email = uniqueEmail();
    const response = await register({ body: { email, password: "long enough", name: "Ann" } });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({ id: expect.any(String), email, name: "Ann" });

    const caller = await resolveCaller(new Headers({ cookie: cookieHeaderFrom(response) }));
    expect(caller).toEqual({
      kind: "user",
      userId: body.id,
      name: "Ann",
      email,
      signedInAt: expect.any(Number),
    });
  });

  test("moves the caller's guest chats to the new account and ends the guest identity", async () => {
    const guestId = newGuestId();
    const chat = await newChat({ guestId });
    const response = await register({
      body: { email: uniqueEmail(), password: "long enough" },
      headers: { cookie: `skillmate_guest=${guestCookieValue(guestId)}` },
    });
    expect(response.status).toBe(201);
    const { id } = await response.json();
    expect(await chatIdsOf({ userId: id })).toEqual([chat.id]);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("skillmate_guest=;"))).toBe(
      true,
    );
  });

  test("a 200-character password is kept whole: one differing only after byte 72 does not sign in", async () => {
    const email = uniqueEmail("long");
    const stem = "é".repeat(40); // 80 bytes in UTF-8, 40 characters
    const password = `${stem}${"x".repeat(160)}`;
    const response = await register({ body: { email, password } });
    expect(response.status).toBe(201);
    expect((await getUserCredentialsByEmail({ email }))?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await authenticate(email, password)).toMatchObject({ email });
    expect(await authenticate(email, `${stem}${"y".repeat(160)}`)).toBeNull();
    expect(await authenticate(email, `${password.slice(0, 199)}y`)).toBeNull();
  });

  test("a duplicate email (in any case) is 409 conflict", async () => {
    const email = uniqueEmail();
    expect((await register({ body: { email, password: "long enough" } })).status).toBe(201);
    const response = await register({
      body: { email: email.toUpperCase(), password: "other one!" },
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: { code: "conflict", message: "An account with this email already exists." },
    });
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  const email = uniqueEmail("bad");
  test.each([
    [
      "a short password",
      { body: { email, password: "short" } },
      400,
      "validation_error",
      "password",
    ],
    [
      "a malformed email",
      { body: { email: "nope", password: "long enough" } },
      400,
      "validation_error",
      "email",
    ],
    [
      "an unknown field",
      { body: { email, password: "long enough", role: "admin" } },
      400,
      "validation_error",
      "role",
    ],
    ["a missing password", { body: { email } }, 400, "validation_error", "password"],
    [
      "invalid JSON",
      { rawBody: "{", headers: { "content-type": "application/json" } },
      400,
      "invalid_json",
      null,
    ],
    [
      "a JSON array",
      { rawBody: "[]", headers: { "content-type": "application/json" } },
      400,
      "invalid_json",
      null,
    ],
    [
      "a form body",
      { rawBody: "email=a", headers: { "content-type": "application/x-www-form-urlencoded" } },
      415,
      "unsupported_media_type",
      null,
    ],
    [
      "a body over 1 MiB",
      { body: { email, password: "x".repeat(1024 * 1024) } },
      413,
      "payload_too_large",
      null,
    ],
    [
      "a cross-site request",
      {
        body: { email, password: "long enough" },
        headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      },
      403,
      "forbidden",
      null,
    ],
  ] as const)("%s is rejected and creates nothing", async (_label, call, status, code, path) => {
    const response = await register(call);
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe("string");
    if (path) expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await getUserCredentialsByEmail({ email })).toBeNull();
  });
});
