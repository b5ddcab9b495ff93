import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { formatWait, rateLimited } from "@/lib/limits/enforce";
import { signInRetryAfter, tooManySignIns } from "@/lib/limits/sign-in";
import { emailSchema } from "@/lib/validation/user";
import { clientAddress } from "./client-address";
import { errorResponse } from "./error-response";

type Handler = (request: NextRequest) => Promise<Response>;

/**
 * Auth.js answers a refused credentials sign-in with a redirect to the sign-in page
 * (`?error=CredentialsSignin&code=rate_limited`). For a client posting to the callback
 * itself, a limit is the contract's 429 with Retry-After instead.
 */
export function withSignInLimitResponse(handler: Handler): Handler {
  return async (request) => {
    const isCredentials = new URL(request.url).pathname.endsWith("/callback/credentials");
    const form = isCredentials
      ? await request
          .clone()
          .formData()
          .catch(() => null)
      : null;
    const response = await handler(request);
    const location = response.headers.get("location");
    if (!form || !location?.includes("code=rate_limited")) return response;
    const email = emailSchema.safeParse(form.get("email"));
    const seconds = Math.max(
      1,
      await signInRetryAfter({
        email: email.success ? email.data : "",
        address: clientAddress(request.headers),
      }),
    );
    return errorResponse(rateLimited(seconds, tooManySignIns(formatWait(seconds))), randomUUID());
  };
}
