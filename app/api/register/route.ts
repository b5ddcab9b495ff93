import { clientAddress } from "@/lib/http/client-address";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, route } from "@/lib/http/route";
import { registerUser } from "@/lib/identity/accounts";
import { guestIdOf } from "@/lib/identity/caller";
import { clearGuestCookie } from "@/lib/identity/guest";
import { sessionSetCookie } from "@/lib/identity/session-token";
import { consumeOrThrow } from "@/lib/limits/enforce";
import { limits } from "@/lib/limits/policies";
import { registerSchema } from "@/lib/validation/user";

// POST /api/register — create a password account, move the caller's guest chats to it,
// and sign it in.
export const POST = route(async ({ request }) => {
  const input = registerSchema.parse(await readJsonBody(request));
  await consumeOrThrow(
    limits.signUps(),
    clientAddress(request.headers),
    (wait) => `Too many new accounts from your network. Try again in ${wait}.`,
  );
  const guestId = guestIdOf(request.headers);
  const user = await registerUser(input, guestId);
  const headers = new Headers();
  headers.append("set-cookie", await sessionSetCookie(user));
  if (guestId) headers.append("set-cookie", clearGuestCookie());
  return Response.json(user, { status: 201, headers });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
