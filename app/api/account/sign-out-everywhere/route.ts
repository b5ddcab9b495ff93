import { signedInUserOf } from "@/lib/account/errors";
import { signOutEverywhere } from "@/lib/account/writes";
import { otherMethods, route } from "@/lib/http/route";
import { clearSessionSetCookie } from "@/lib/identity/session-token";

// POST /api/account/sign-out-everywhere/ — end every session of the account, this one too
export const POST = route(async ({ caller }) => {
  const { userId } = signedInUserOf(caller);
  await signOutEverywhere({ userId });
  return new Response(null, { status: 204, headers: { "set-cookie": clearSessionSetCookie() } });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
