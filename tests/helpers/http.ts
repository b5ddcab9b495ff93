type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

export type Call = {
  method?: string;
  path: string;
  body?: unknown;
  /** A raw body, sent as is (for invalid JSON and oversized payloads). */
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
};

/** Calls a route handler with a real Request, as Next would. */
export async function callRoute(handler: Handler, call: Call): Promise<Response> {
  const headers = new Headers(call.headers);
  let body: string | undefined = call.rawBody;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = new Request(`http://localhost:3000${call.path}`, {
    method: call.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  return handler(request, { params: Promise.resolve(call.params ?? {}) as Promise<never> });
}

/** The Cookie header a browser would send back after these Set-Cookie headers. */
export function cookieHeaderFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${crypto.randomUUID()}@example.test`;
}
