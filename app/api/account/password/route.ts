import { signedInUserOf } from "@/lib/account/errors";
import { serializeAccount } from "@/lib/account/reads";
import { changePassword } from "@/lib/account/writes";
import { clientAddress } from "@/lib/http/client-address";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, route } from "@/lib/http/route";
import { sessionSetCookie } from "@/lib/identity/session-token";
import { changePasswordSchema } from "@/lib/validation/account";

// POST /api/account/password/ — change the password: every other session ends, the
// caller stays signed in with a fresh cookie
export const POST = route(async ({ request, caller }) => {
  const { userId } = signedInUserOf(caller);
  const input = changePasswordSchema.parse(await readJsonBody(request));
  const { account, signedInAt } = await changePassword({
    userId,
    currentPassword: input.current_password,
    newPassword: input.new_password,
    address: clientAddress(request.headers),
  });
  return Response.json(serializeAccount({ ...account, hasPassword: true }), {
    headers: { "set-cookie": await sessionSetCookie(account, signedInAt) },
  });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
