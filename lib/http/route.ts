import { randomUUID } from "node:crypto";
import type { Owner } from "@/db/queries/chats";
import { chatNotFound } from "@/lib/chats/errors";
import { AppError } from "@/lib/errors";
import { type Caller, ownerOf, resolveCallerAndSession } from "@/lib/identity/caller";
import { guestSetCookie, newGuestId } from "@/lib/identity/guest";
import { clearSessionSetCookie } from "@/lib/identity/session-token";
import { assertAcceptingWork } from "@/lib/lifecycle/shutdown";
import { consumeOrThrow } from "@/lib/limits/enforce";
import { limits } from "@/lib/limits/policies";
import { requestBaseUrl } from "@/lib/public-url";
import { clientAddress } from "./client-address";
import { errorResponse } from "./error-response";
import { assertSameOrigin } from "./same-origin";

/** What Next passes a route handler: `RouteContext<"/api/…">` for a route with params. */
type Context = { params: Promise<object> };
type NoParams = { params: Promise<Record<string, never>> };

export type HandlerArgs<P> = {
  request: Request;
  params: P;
  caller: Caller;
  requestId: string;
  /** The public base URL for links (APP_URL, else this request's origin). */
  baseUrl: string;
  /** The caller as an owner; null for a visitor with no guest identity yet. */
  owner: Owner | null;
  /**
   * The caller as an owner, giving a new visitor a guest identity (their first write);
   * new identities are limited per client address.
   */
  ensureOwner: () => Promise<Owner>;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A visitor with no identity has no chats: every chat route answers them not_found. */
export function ownerOrNotFound(owner: Owner | null): Owner {
  if (!owner) throw chatNotFound();
  return owner;
}

/** Who a write counts against: the account, the guest, or else the client's address. */
function callerLimitKey(caller: Caller, headers: Headers): string {
  if (caller.kind === "user") return `user:${caller.userId}`;
  if (caller.kind === "guest") return `guest:${caller.guestId}`;
  return `addr:${clientAddress(headers)}`;
}

/**
 * A session cookie whose session was ended elsewhere: refused on every route rather than
 * served as a visitor (a client that believes it is signed in would write as a guest),
 * and removed, so that the browser's next request is a visitor's.
 */
const sessionEnded = () =>
  new AppError("unauthenticated", "Your session has ended. Please sign in again.", {
    headers: { "set-cookie": clearSessionSetCookie() },
  });

const tooManyWrites = (wait: string) => `Too many changes in a short time: try again in ${wait}.`;
const tooManyGuests = (wait: string) =>
  `Too many new visitors from your network right now: try again in ${wait}, or sign in.`;

/**
 * The shared part of every API route: await params, refuse cross-site writes, resolve
 * the caller (refusing a session that has ended), limit write rates, issue a guest identity when a handler needs one, and
 * map whatever is thrown to the contract's error JSON.
 */
export function route<C extends Context = NoParams>(
  handler: (args: HandlerArgs<Awaited<C["params"]>>) => Promise<Response>,
) {
  return async (request: Request, context: C): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const mutating = !SAFE_METHODS.has(request.method);
      // While this instance shuts down, writes get 503 and go to another (reads still work).
      if (mutating) assertAcceptingWork();
      if (mutating) assertSameOrigin(request);
      const [params, { caller, endedSession }] = await Promise.all([
        context.params as Promise<Awaited<C["params"]>>,
        resolveCallerAndSession(request.headers),
      ]);
      if (endedSession) throw sessionEnded();
      if (mutating) {
        await consumeOrThrow(
          limits.writes(),
          callerLimitKey(caller, request.headers),
          tooManyWrites,
        );
      }
      let newGuest: string | undefined;
      const owner = ownerOf(caller);
      const response = await handler({
        request,
        params,
        caller,
        requestId,
        baseUrl: requestBaseUrl(request.headers, request.url),
        owner,
        ensureOwner: async () => {
          if (owner) return owner;
          if (!newGuest) {
            await consumeOrThrow(limits.guests(), clientAddress(request.headers), tooManyGuests);
            newGuest = newGuestId();
          }
          return { guestId: newGuest };
        },
      });
      if (newGuest) {
        response.headers.append("set-cookie", guestSetCookie(newGuest));
      }
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = (request: Request, context: never) => Promise<Response>;
type Refusals<H> = Record<Exclude<Method, keyof H> | "OPTIONS", () => Promise<Response>>;
// In the order Allow lists them.
const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * The exports for the methods a route does not have, given the ones it has: a 405 in
 * the contract's shape (Next's own has an empty body) whose Allow lists the route's
 * methods, and an OPTIONS that lists the same (Next's would list every export, the
 * refused ones too). `export const { PUT, DELETE, OPTIONS } = otherMethods({ GET, POST });`
 * — naming a method the route has is a type error. HEAD follows GET, in Next.
 */
export function otherMethods<H extends Partial<Record<Method, Handler>>>(handlers: H): Refusals<H> {
  const own = METHODS.filter((method) => method in handlers);
  const allow = own.join(", ");
  const refuse = async () =>
    errorResponse(
      new AppError("method_not_allowed", `This route allows ${allow}.`, { headers: { allow } }),
      randomUUID(),
    );
  const options = async () =>
    new Response(null, {
      status: 204,
      headers: { allow: [...own, ...(own.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ") },
    });
  return {
    ...Object.fromEntries(METHODS.filter((m) => !own.includes(m)).map((m) => [m, refuse])),
    OPTIONS: options,
  } as Refusals<H>;
}
