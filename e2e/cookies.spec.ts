import { expect, test } from "@playwright/test";
import { type Server, startServer } from "./support/servers";

// Cookie names and Secure follow APP_URL, never X-Forwarded-Proto: checked on the
// production build for our own cookies and for those Auth.js sets itself. Plain fetch
// with the Cookie header written by hand, so that exactly the chosen name is sent.

const password = "a long enough password";
const newEmail = () => `cookies-${crypto.randomUUID()}@example.test`;

type Mode = { secure: boolean; forwardedProto: "http" | "https" };

/** Each Set-Cookie of a response by cookie name. */
function setCookies(response: Response): Map<string, string> {
  return new Map(response.headers.getSetCookie().map((c) => [c.slice(0, c.indexOf("=")), c]));
}
const pair = (setCookie: string | undefined) => setCookie?.split(";")[0] ?? "";
const cookieValue = (setCookie: string | undefined) => pair(setCookie).replace(/^[^=]*=/, "");

async function checkCookies(base: string, { secure, forwardedProto }: Mode) {
  const proto = { "x-forwarded-proto": forwardedProto };
  const flag = secure ? /; Secure/i : /^(?!.*; Secure)/i;
  const guestName = secure ? "__Host-skillmate_guest" : "skillmate_guest";
  const sessionName = secure ? "__Secure-authjs.session-token" : "authjs.session-token";
  const otherSessionName = secure ? "authjs.session-token" : "__Secure-authjs.session-token";

  // Our guest cookie, on a first write.
  const chat = await fetch(`${base}/api/chats/`, {
    method: "POST",
    headers: { ...proto, "content-type": "application/json" },
    body: "{}",
  });
  expect(chat.status).toBe(201);
  const guest = setCookies(chat).get(guestName);
  expect(guest).toMatch(/; Path=\/;/);
  expect(guest).not.toMatch(/Domain=/i);
  expect(guest).toMatch(flag);

  // Auth.js's own cookies: its CSRF cookie, then its session cookie after sign-in.
  const email = newEmail();
  const registered = await fetch(`${base}/api/register`, {
    method: "POST",
    headers: { ...proto, "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(registered.status).toBe(201);
  expect(setCookies(registered).get(sessionName)).toMatch(flag);

  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: proto });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = setCookies(csrf).get(
    secure ? "__Host-authjs.csrf-token" : "authjs.csrf-token",
  );
  expect(csrfCookie).toMatch(flag);
  const signedIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...proto,
      "content-type": "application/x-www-form-urlencoded",
      cookie: pair(csrfCookie),
    },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  expect(signedIn.status).toBe(302);
  const session = setCookies(signedIn).get(sessionName);
  expect(session).toMatch(flag);

  // Only this mode's name is read, by Auth.js and by our routes alike.
  const sessionOf = async (cookie: string) =>
    (await fetch(`${base}/api/auth/session`, { headers: { ...proto, cookie } })).json();
  expect((await sessionOf(pair(session))).user.email).toBe(email);
  expect(await sessionOf(`${otherSessionName}=${cookieValue(session)}`)).toBeNull();
  const chats = async (cookie: string) =>
    (await fetch(`${base}/api/chats/`, { headers: { ...proto, cookie } })).json();
  expect((await chats(pair(guest))).results).toHaveLength(1);
  const otherGuestName = secure ? "skillmate_guest" : "__Host-skillmate_guest";
  expect((await chats(`${otherGuestName}=${cookieValue(guest)}`)).results).toEqual([]);
}

test("on an http site nothing is Secure or prefixed, even when X-Forwarded-Proto says https", async ({
  baseURL,
}) => {
  await checkCookies(baseURL ?? "", { secure: false, forwardedProto: "https" });
});

test.describe("an https site", () => {
  let server: Server;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startServer({ APP_URL: "https://chats.example" });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("prefixes and secures every cookie, even when X-Forwarded-Proto says http", async () => {
    await checkCookies(server.url, { secure: true, forwardedProto: "http" });
  });
});
