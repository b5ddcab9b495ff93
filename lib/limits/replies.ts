import "server-only";
import type { Owner } from "@/db/queries/chats";
import { consumeOrThrow, giveBack } from "./enforce";
import { limits } from "./policies";

const replies = (n: number) => (n === 1 ? "1 reply" : `${n} replies`);

const ownerKey = (owner: Owner) =>
  "userId" in owner ? `user:${owner.userId}` : `guest:${owner.guestId}`;

/**
 * Takes one of the caller's reply slots and one reply of their daily quota before
 * anything is stored or streamed, or throws 429 with a sentence saying which limit it
 * was. The returned function gives the slot back when the reply is over; `refund` also
 * returns the day's reply, for a turn that failed before it started.
 */
export async function reserveReply(owner: Owner) {
  const key = ownerKey(owner);
  const guest = !("userId" in owner);
  const inFlight = limits.repliesInFlight();
  const perDay = limits.repliesPerDay(guest ? "guest" : "account");
  await consumeOrThrow(
    inFlight,
    key,
    () =>
      "SkillMate is still answering your other messages. Wait for a reply to finish, then send this again.",
    { countRefusals: false },
  );
  try {
    await consumeOrThrow(perDay, key, (wait) =>
      guest
        ? `You have used today's ${replies(perDay.points)} for guests. Sign up for more, or try again in ${wait}.`
        : `You have used today's ${replies(perDay.points)}. Try again in ${wait}.`,
    );
  } catch (error) {
    await giveBack(inFlight, key);
    throw error;
  }
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await giveBack(inFlight, key).catch((error: unknown) => {
      // The slot then frees itself when its window ends.
      console.error("[limits] could not release a reply slot", (error as Error).message);
    });
  };
  return {
    release,
    refund: async () => {
      await release();
      await giveBack(perDay, key).catch(() => {});
    },
  };
}
