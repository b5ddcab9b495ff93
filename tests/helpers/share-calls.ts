import * as chatRoute from "@/app/api/chats/[id]/route";
import * as shareRoute from "@/app/api/chats/[id]/share/route";
import * as sharedRoute from "@/app/api/chats/share/[shareId]/route";
import type { TestCaller } from "./callers";
import { callRoute } from "./http";

// The owner's calls that the sharing tests make over and over, through the route handlers.

// biome-ignore lint/suspicious/noExplicitAny: bodies are read as each test sees fit
type Json = Record<string, any>;

/** POST /api/chats/<id>/share/ with `body`: its status and JSON answer. */
export async function shareChat(
  as: TestCaller,
  id: string,
  body: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await callRoute(shareRoute.POST, {
    method: "POST",
    path: `/api/chats/${id}/share/`,
    params: { id },
    headers: as.headers,
    body,
  });
  return { status: response.status, body: await response.json() };
}

/** GET /api/chats/<id>/ as `as`: the chat object with its messages. */
export async function chatDetail(as: TestCaller, id: string): Promise<Json> {
  const response = await callRoute(chatRoute.GET, {
    method: "GET",
    path: `/api/chats/${id}/`,
    params: { id },
    headers: as.headers,
  });
  return response.json();
}

/** The status of GET /api/chats/share/<share_id>/ for anyone: the public read. */
export async function publicStatus(shareId: string): Promise<number> {
  const response = await callRoute(sharedRoute.GET, {
    method: "GET",
    path: `/api/chats/share/${shareId}/`,
    params: { shareId },
  });
  return response.status;
}
