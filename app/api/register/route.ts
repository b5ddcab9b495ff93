import { registerUser } from "@/lib/accounts";
import { guestIdOf } from "@/lib/caller";
import { isSecureRequest } from "@/lib/cookies";
import { clearGuestCookie } from "@/lib/guest";
import { readJsonBody } from "@/lib/http/json-body";
import { route } from "@/lib/http/route";
import { sessionSetCookie } from "@/lib/session-token";
import { registerSchema } from "@/lib/validation/user";

// POST /api/register — create a password account, move the caller's guest chats to it,
// and sign it in.
export const POST = route(async ({ request }) => {
  const input = registerSchema.parse(await readJsonBody(request));
  const guestId = guestIdOf(request.headers);
  const user = await registerUser(input, guestId);
  const headers = new Headers();
  headers.append(
    "set-cookie",
    await sessionSetCookie(user, isSecureRequest(request.headers, request.url)),
  );
  if (guestId) headers.append("set-cookie", clearGuestCookie());
  return Response.json(user, { status: 201, headers });
});
