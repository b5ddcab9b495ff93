import { withSignInLimitResponse } from "@/lib/http/sign-in-limit-response";
import { handlers } from "@/lib/identity/auth";

// GET, POST /api/auth/* — Auth.js; a sign-in refused by the limits is a 429
export const GET = handlers.GET;
export const POST = withSignInLimitResponse(handlers.POST);
