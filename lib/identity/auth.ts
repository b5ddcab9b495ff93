import "server-only";
import { cookies } from "next/headers";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { getAuthAdapter } from "@/db/auth-adapter";
import { moveGuestChatsToUser } from "@/db/queries/chats";
import { authSecret, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clientAddress } from "@/lib/http/client-address";
import { siteIsHttps } from "@/lib/identity/cookies";
import { guestCookieName, verifyGuestCookie } from "@/lib/identity/guest";
import { SESSION_MAX_AGE } from "@/lib/identity/session-token";
import { checkedSessionToken, decodeLiveSession } from "@/lib/identity/session-validity";
import { authenticateWithinLimits } from "@/lib/limits/sign-in";
import { signInSchema } from "@/lib/validation/user";

/**
 * A sign-in refused by the limits, not by the password. Auth.js passes `code` on (the
 * callback redirects with `code=rate_limited`; the server action gets this very error),
 * so the 429 and its sentence can be told apart from a wrong password.
 */
export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly refusal: AppError) {
    super(refusal.message);
  }
}

function oauthProviders(): NextAuthConfig["providers"] {
  const e = env();
  return [
    ...(e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET
      ? [GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET })]
      : []),
    ...(e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET
      ? [Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET })]
      : []),
  ];
}

/** Names of the OAuth providers switched on by the environment, for the sign-in page. */
export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((p) => {
    const provider = typeof p === "function" ? p() : p;
    return { id: provider.id, name: provider.name };
  });
}

// Lazy: the secret and the database are only needed when a request arrives, never
// while `next build` imports this module.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => ({
  secret: authSecret(),
  // Self-hosted behind `next start`: trust the Host header as Auth.js's URL.
  trustHost: true,
  // Cookie names and Secure follow the configured site, not X-Forwarded-Proto.
  useSecureCookies: siteIsHttps(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  // Wherever Auth.js reads the cookie (its session endpoint, OAuth account linking,
  // sign-out), an ended session is no session.
  jwt: { decode: decodeLiveSession },
  adapter: await getAuthAdapter(),
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      // Both the callback route and the sign-in server action end up here.
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        try {
          return await authenticateWithinLimits({
            ...parsed.data,
            address: clientAddress(request.headers),
          });
        } catch (error) {
          if (error instanceof AppError && error.code === "rate_limited") {
            throw new SignInRateLimited(error);
          }
          throw error;
        }
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    // Stamps a token at sign-in (`user` given); refuses to re-sign an ended session.
    jwt: ({ token, user }) => checkedSessionToken(token, Boolean(user)),
  },
  events: {
    // A visitor who chatted as a guest keeps those chats when they sign in.
    async signIn({ user }) {
      if (!user.id) return;
      const store = await cookies();
      const guestId = verifyGuestCookie(store.get(guestCookieName())?.value);
      if (!guestId) return;
      await moveGuestChatsToUser({ guestId, userId: user.id });
      store.delete(guestCookieName());
    },
  },
}));
