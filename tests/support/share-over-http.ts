// A shared chat made the way a client makes one, through the public API of a running
// server: what e2e specs and benchmarks need before they can read a share page. Plain
// fetch, so that the scripts can use it too; callers send the returned cookie to act as
// the chat's owner afterwards.
import { randomUUID } from "node:crypto";

export type SharedChat = {
  id: string;
  shareId: string;
  /** The share page on the server the chat was made on. */
  pageUrl: string;
  /** A Cookie header for the chat's owner. */
  cookie: string;
};

export async function shareChatOverHttp(
  baseUrl: string,
  {
    title,
    messages,
    discoverable = false,
  }: {
    title: string;
    messages: { message_type: string; content: string }[];
    /** Also listed for search engines. */
    discoverable?: boolean;
  },
): Promise<SharedChat> {
  // A new guest owns the chat, unless it is to be discoverable: only accounts may publish
  // to search engines.
  const owner = discoverable ? await signUp(baseUrl) : undefined;
  const created = await send(baseUrl, "POST", "/api/chats", owner, { title, messages }, 201);
  const chat = (await created.json()) as { id: string };
  const ownerCookie = owner ?? cookieHeader(created);
  // The share endpoint only turns sharing on and off; discoverability is a PATCH.
  const shared = discoverable
    ? await send(
        baseUrl,
        "PATCH",
        `/api/chats/${chat.id}`,
        ownerCookie,
        { is_shared: true, is_discoverable: true },
        200,
      )
    : await send(
        baseUrl,
        "POST",
        `/api/chats/${chat.id}/share`,
        ownerCookie,
        { is_shared: true },
        200,
      );
  const { share_id: shareId } = (await shared.json()) as { share_id: string };
  return {
    id: chat.id,
    shareId,
    pageUrl: `${baseUrl}/chatbot/share/${shareId}`,
    cookie: ownerCookie,
  };
}

async function signUp(baseUrl: string): Promise<string> {
  const registered = await send(
    baseUrl,
    "POST",
    "/api/register",
    undefined,
    { email: `sharer-${randomUUID()}@example.test`, password: "a long enough password" },
    201,
  );
  return cookieHeader(registered);
}

/** The request, refused loudly unless it answers `expected`: a setup step that failed
 * would otherwise show up later as a puzzling 404 on the share page. */
async function send(
  baseUrl: string,
  method: "POST" | "PATCH",
  path: string,
  cookie: string | undefined,
  body: unknown,
  expected: number,
): Promise<Response> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  if (response.status !== expected) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  return response;
}

function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
