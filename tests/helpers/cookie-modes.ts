import { expect } from "vitest";
import * as listRoute from "@/app/api/chats/route";
import * as registerRoute from "@/app/api/register/route";
import { readSessionToken } from "@/lib/identity/session-token";
import { callRoute, uniqueEmail } from "./http";

/** The Set-Cookie headers of a first write and of a sign-up, and the names they used. */
export async function cookiesIssued(forwardedProto: "http" | "https") {
  const headers = { "x-forwarded-proto": forwardedProto };
  const guest = await callRoute(listRoute.POST, { path: "/api/chats/", body: {}, headers });
  expect(guest.status).toBe(201);
  const account = await callRoute(registerRoute.POST, {
    path: "/api/register",
    body: { email: uniqueEmail("cookie"), password: "long enough" },
    headers,
  });
  expect(account.status).toBe(201);
  return {
    guest: guest.headers.getSetCookie()[0] ?? "",
    session: account.headers.getSetCookie()[0] ?? "",
    chatId: (await guest.json()).id as string,
  };
}

/** Whether a Cookie header is read as this signed-in session. */
export async function signedInWith(cookie: string): Promise<boolean> {
  return (await readSessionToken(new Headers({ cookie }))) !== null;
}

/** The cookie as a browser sends it back under `name`. */
export const asCookie = (setCookie: string, name?: string) => {
  const pair = setCookie.split(";")[0] ?? "";
  return name ? `${name}=${pair.slice(pair.indexOf("=") + 1)}` : pair;
};
