import type { z } from "zod";
import type { ErrorBody, ErrorIssue } from "@/lib/errors";
import type {
  ArchiveAllOut,
  ChatDetailOut,
  ChatListOut,
  ChatOut,
  DeleteAllOut,
  ExportFormat,
  PatchChatIn,
  SearchResultsOut,
  ShareStateOut,
  shareChatSchema,
  UnarchiveAllOut,
  UnshareAllOut,
  updateSnapshotSchema,
} from "@/lib/validation/chat";
import type { PrivacyCheckOut } from "@/lib/validation/privacy";

// Typed fetch wrappers for the chats API as the browser calls it. Paths go without the
// trailing slash: the Django-style form costs a 308 hop from here.

/** A refusal from the API, carrying the contract's error code and human message. */
export class ApiError extends Error {
  constructor(
    /** 0 when no answer came (offline, connection refused or dropped). */
    readonly status: number,
    readonly code: string,
    message: string,
    /** When the server said to come back (its Retry-After), in milliseconds. */
    readonly retryAfterMs?: number,
    /** Which fields were wrong (validation_error), for a form to show beside each. */
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Retry-After: delay-seconds or an HTTP date. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header?.trim()) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export async function errorFrom(response: Response): Promise<ApiError> {
  const after = retryAfterMs(response.headers.get("retry-after"));
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (body.error?.message) {
      const { code, message, issues } = body.error;
      return new ApiError(response.status, code, message, after, issues);
    }
  } catch {
    // Not the contract's JSON (a proxy's page, a dropped connection): say so generically.
  }
  return new ApiError(
    response.status,
    "internal_error",
    "Something went wrong. Please try again.",
    after,
  );
}

/**
 * fetch, answering only a success: a refusal rejects with its ApiError, and so does no
 * answer at all (status 0), so that callers can tell "send it again" from "do not".
 * Stop's abort rejects as fetch's own AbortError.
 */
export async function request(path: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (init?.signal?.aborted) throw error;
    throw new ApiError(0, "network_error", "You seem to be offline. Please try again.");
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/** A JSON call: its answer, or its refusal thrown as an ApiError (lib/client/account-api.ts too). */
export async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await request(path, {
    ...init,
    headers: init?.body ? { "content-type": "application/json" } : undefined,
  });
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const json = (body: unknown) => JSON.stringify(body);

export type ShareChatIn = z.input<typeof shareChatSchema>;

export const chatsApi = {
  list: (cursor?: string | null) =>
    call<ChatListOut>(
      `/api/chats?limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    ),
  /** `id` chosen here, so that a retried create finds the chat instead of making another. */
  create: (id: string) => call<ChatDetailOut>("/api/chats", { method: "POST", body: json({ id }) }),
  get: (id: string) => call<ChatDetailOut>(`/api/chats/${id}`),
  rename: (id: string, title: string) =>
    call<ChatOut>(`/api/chats/${id}`, { method: "PATCH", body: json({ title }) }),
  setShared: (id: string, isShared: boolean) =>
    call<ShareStateOut>(`/api/chats/${id}/share`, {
      method: "POST",
      body: json({ is_shared: isShared }),
    }),
  /** Shares with options (expiry, a new link…): the body of POST share/ as docs/api.md has it. */
  share: (id: string, body: ShareChatIn) =>
    call<ShareStateOut>(`/api/chats/${id}/share`, { method: "POST", body: json(body) }),
  /** A new share id: the old link stops working at once. */
  rotate: (id: string) => call<ShareStateOut>(`/api/chats/${id}/share/rotate`, { method: "POST" }),
  /** Re-takes a snapshot link's copy of the chat (same link); `redact` as for share. */
  updateSnapshot: (id: string, body: z.input<typeof updateSnapshotSchema>) =>
    call<ShareStateOut>(`/api/chats/${id}/share/update`, { method: "POST", body: json(body) }),
  /** What looks private in the chat, asked before its first share. */
  checkShare: (id: string) => call<PrivacyCheckOut>(`/api/chats/${id}/share/check`),
  setDiscoverable: (id: string, isDiscoverable: boolean) =>
    call<ChatOut>(`/api/chats/${id}`, {
      method: "PATCH",
      body: json({ is_discoverable: isDiscoverable }),
    }),
  /** Pin or archive (and any other field of PATCH): the chat as saved. */
  update: (id: string, changes: PatchChatIn) =>
    call<ChatOut>(`/api/chats/${id}`, { method: "PATCH", body: json(changes) }),
  listArchived: (cursor?: string | null) =>
    call<ChatListOut>(
      `/api/chats?archived=true&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    ),
  search: (q: string, cursor: string | null, signal: AbortSignal) =>
    call<SearchResultsOut>(
      `/api/chats/search?q=${encodeURIComponent(q)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      { signal },
    ),
  /** A new chat (`newId`, so that a retry finds it) holding this one up to `through`. */
  branch: (id: string, through: string, newId: string) =>
    call<ChatDetailOut>(`/api/chats/${id}/branch`, {
      method: "POST",
      body: json({ id: newId, through }),
    }),
  remove: (id: string) => call<void>(`/api/chats/${id}`, { method: "DELETE" }),
  unshareAll: () => call<UnshareAllOut>("/api/chats/unshare-all", { method: "POST" }),
  archiveAll: () => call<ArchiveAllOut>("/api/chats/archive-all", { method: "POST" }),
  unarchiveAll: () => call<UnarchiveAllOut>("/api/chats/unarchive-all", { method: "POST" }),
  deleteAll: () => call<DeleteAllOut>("/api/chats/delete-all", { method: "POST" }),
};

// Downloads are plain links: the browser saves what they answer (Content-Disposition)
// and shows its own progress, however long an export of every chat streams.
export const exportUrls = {
  chat: (id: string, format: ExportFormat) => `/api/chats/${id}/export?format=${format}`,
  account: "/api/account/export",
};

/** A v4 UUID; crypto.randomUUID only exists in secure contexts (not plain http on a LAN). */
export function newId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
