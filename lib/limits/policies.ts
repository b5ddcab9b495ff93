import "server-only";
import { env } from "@/lib/env";
import type { LimitSpec } from "./store";

// Every limit and quota of the app, read from the environment (lib/env.ts has the
// defaults; docs/security.md explains each). Functions, so that env is read lazily.

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

export const limits = {
  /** API writes per caller (account, guest, or client address). */
  writes: (): LimitSpec => ({
    name: "writes",
    points: env().RATE_LIMIT_WRITES_PER_MINUTE,
    duration: 60,
  }),
  /** Sign-in attempts per account (email); a success clears the count. */
  signInAccount: (): LimitSpec => ({
    name: "signin-account",
    points: env().RATE_LIMIT_SIGN_IN_PER_ACCOUNT,
    duration: env().RATE_LIMIT_SIGN_IN_WINDOW_SECONDS,
  }),
  /** Failed sign-ins per client address, whatever the account. */
  signInAddress: (): LimitSpec => ({
    name: "signin-address",
    points: env().RATE_LIMIT_SIGN_IN_PER_ADDRESS,
    duration: env().RATE_LIMIT_SIGN_IN_WINDOW_SECONDS,
  }),
  /** New accounts per client address. */
  signUps: (): LimitSpec => ({
    name: "signups",
    points: env().RATE_LIMIT_SIGN_UPS_PER_HOUR,
    duration: HOUR,
  }),
  /** New guest identities per client address. */
  guests: (): LimitSpec => ({
    name: "guests",
    points: env().RATE_LIMIT_GUESTS_PER_HOUR,
    duration: HOUR,
  }),
  /**
   * Replies streaming at once per caller. A reply gives its slot back when it ends; the
   * window only frees slots of a process that died mid-reply.
   */
  repliesInFlight: (): LimitSpec => ({
    name: "replies-in-flight",
    points: env().AI_REPLIES_IN_FLIGHT,
    duration: Math.ceil(env().AI_TIMEOUT_MS / 1000) + 60,
  }),
  /** Replies per caller per day: fewer for guests, who cost the same and can be many. */
  repliesPerDay: (kind: "guest" | "account"): LimitSpec => ({
    name: `replies-day-${kind}`,
    points: kind === "guest" ? env().AI_REPLIES_PER_DAY_GUEST : env().AI_REPLIES_PER_DAY_ACCOUNT,
    duration: DAY,
  }),
};
