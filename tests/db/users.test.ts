import bcrypt from "bcryptjs";
import { describe, expect, test } from "vitest";
import { moveGuestChatsToUser } from "@/db/queries/chats";
import { createUserWithPassword, getUserCredentialsByEmail } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { authenticate, registerUser } from "@/lib/identity/accounts";
import { newGuestId } from "@/lib/identity/guest";
import { chatIdsOf, newChat } from "../helpers/chats";
import { uniqueEmail } from "../helpers/http";

describe("accounts", () => {
  test("a registered user can authenticate with their password, and only with it", async () => {
    const email = uniqueEmail();
    const user = await registerUser({ email, password: "correct horse", name: "Ann" }, null);
    expect(user).toEqual({ id: expect.any(String), email, name: "Ann" });
    expect(await authenticate(email, "correct horse")).toEqual(user);
    expect(await authenticate(email, "wrong horse")).toBeNull();
    expect(await authenticate(uniqueEmail("nobody"), "correct horse")).toBeNull();
  });

  test("the password is stored hashed, never in plain", async () => {
    const email = uniqueEmail();
    await registerUser({ email, password: "plain text secret" }, null);
    const row = await getUserCredentialsByEmail({ email });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.passwordHash).not.toContain("plain text secret");
  });

  test("an account with a bcrypt hash signs in, and its hash becomes Argon2id", async () => {
    const email = uniqueEmail("legacy");
    await createUserWithPassword({
      email,
      name: null,
      passwordHash: await bcrypt.hash("from the old days", 10),
    });
    // A wrong password changes nothing.
    expect(await authenticate(email, "wrong")).toBeNull();
    expect((await getUserCredentialsByEmail({ email }))?.passwordHash).toMatch(/^\$2b\$10\$/);
    expect(await authenticate(email, "from the old days")).toMatchObject({ email });
    const upgraded = (await getUserCredentialsByEmail({ email }))?.passwordHash;
    expect(upgraded).toMatch(/^\$argon2id\$/);
    expect(await authenticate(email, "from the old days")).toMatchObject({ email });
    expect(await authenticate(email, "wrong")).toBeNull();
    // Once upgraded, it stays the same hash.
    expect((await getUserCredentialsByEmail({ email }))?.passwordHash).toBe(upgraded);
  });

  test("a duplicate email is a conflict and changes nothing", async () => {
    const email = uniqueEmail();
    const first = await registerUser({ email, password: "first password" }, null);
    const error = await registerUser({ email, password: "second password" }, null).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("conflict");
    expect(await authenticate(email, "first password")).toEqual(first);
    expect(await authenticate(email, "second password")).toBeNull();
  });
});

describe("guest chats move to the account", () => {
  test("on sign-up", async () => {
    const guestId = newGuestId();
    const otherGuest = newGuestId();
    const mine = [await newChat({ guestId }), await newChat({ guestId })];
    const theirs = await newChat({ guestId: otherGuest });

    const user = await registerUser({ email: uniqueEmail(), password: "long enough" }, guestId);

    const owned = await chatIdsOf({ userId: user.id });
    expect(owned).toEqual(mine.map((c) => c.id).sort());
    expect(await chatIdsOf({ guestId })).toEqual([]);
    expect(await chatIdsOf({ guestId: otherGuest })).toEqual([theirs.id]);
  });

  test("on sign-in to an existing account", async () => {
    const user = await registerUser({ email: uniqueEmail(), password: "long enough" }, null);
    const before = await newChat({ userId: user.id }, "Earlier");
    const guestId = newGuestId();
    const guestChat = await newChat({ guestId });

    expect(await moveGuestChatsToUser({ guestId, userId: user.id })).toBe(1);

    const owned = await chatIdsOf({ userId: user.id });
    expect(owned).toEqual([before.id, guestChat.id].sort());
  });

  test("a failed sign-up (duplicate email) moves nothing", async () => {
    const email = uniqueEmail();
    await registerUser({ email, password: "long enough" }, null);
    const guestId = newGuestId();
    const chat = await newChat({ guestId });
    await expect(registerUser({ email, password: "long enough" }, guestId)).rejects.toThrow();
    expect(await chatIdsOf({ guestId })).toEqual([chat.id]);
  });
});
