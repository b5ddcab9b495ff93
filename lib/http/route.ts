import { randomUUID } from "node:crypto";
import { type Caller, resolveCaller } from "@/lib/caller";
import { errorResponse } from "./error-response";
import { assertSameOrigin } from "./same-origin";

type Context<P> = { params: Promise<P> };

export type HandlerArgs<P> = { request: Request; params: P; caller: Caller; requestId: string };

/**
 * The shared part of every API route: await params, refuse cross-site writes, resolve
 * the caller, and map whatever is thrown to the contract's error JSON.
 */
export function route<P = Record<string, never>>(
  handler: (args: HandlerArgs<P>) => Promise<Response>,
) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    const requestId = randomUUID();
    try {
      if (!["GET", "HEAD", "OPTIONS"].includes(request.method)) assertSameOrigin(request);
      const [params, caller] = await Promise.all([context.params, resolveCaller(request.headers)]);
      return await handler({ request, params, caller, requestId });
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
