import { signedInUserOf } from "@/lib/account/errors";
import { getAccount, serializeAccount } from "@/lib/account/reads";
import { deleteAccount, updateProfile } from "@/lib/account/writes";
import { clientAddress } from "@/lib/http/client-address";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, route } from "@/lib/http/route";
import { clearSessionSetCookie, sessionSetCookie } from "@/lib/identity/session-token";
import { deleteAccountSchema, patchAccountSchema } from "@/lib/validation/account";

// GET /api/account/ — the caller's account
export const GET = route(async ({ caller }) => {
  const { userId } = signedInUserOf(caller);
  return Response.json(serializeAccount(await getAccount({ userId })));
});

// PATCH /api/account/ — rename, change the email; the session cookie carries both, so
// it is issued again (same sign-in moment: a later revocation still ends it)
export const PATCH = route(async ({ request, caller }) => {
  const user = signedInUserOf(caller);
  const changes = patchAccountSchema.parse(await readJsonBody(request));
  const account = await updateProfile({ userId: user.userId, changes });
  return Response.json(serializeAccount(account), {
    headers: { "set-cookie": await sessionSetCookie(account, user.signedInAt) },
  });
});

// DELETE /api/account/ — delete the account, its chats and share links, once confirmed
export const DELETE = route(async ({ request, caller }) => {
  const { userId } = signedInUserOf(caller);
  const confirmation = deleteAccountSchema.parse(await readJsonBody(request));
  await deleteAccount({ userId, confirmation, address: clientAddress(request.headers) });
  return new Response(null, { status: 204, headers: { "set-cookie": clearSessionSetCookie() } });
});

export const { POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
