import { expect, test } from "vitest";
import * as listRoute from "@/app/api/chats/route";
import { startAssistantTurn } from "@/lib/chats/assistant-turn";
import { authenticateWithinLimits } from "@/lib/limits/sign-in";
import { guest, signedInUser } from "../helpers/callers";
import { newChat } from "../helpers/chats";
import { callRoute } from "../helpers/http";
import { fromAddress, newAddress } from "../helpers/limits";

// The tiniest limits, all switched off by RATE_LIMITS=off (benchmarks, load tests).
Object.assign(process.env, {
  RATE_LIMITS: "off",
  RATE_LIMIT_WRITES_PER_MINUTE: "1",
  RATE_LIMIT_GUESTS_PER_HOUR: "1",
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: "1",
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: "1",
  AI_REPLIES_IN_FLIGHT: "1",
  AI_REPLIES_PER_DAY_GUEST: "1",
  AI_OFFLINE_CHUNK_DELAY_MS: "0",
});

test("RATE_LIMITS=off switches every limit and quota off", async () => {
  const address = newAddress();
  for (let i = 0; i < 4; i++) {
    const response = await callRoute(listRoute.POST, {
      path: "/api/chats/",
      body: {},
      headers: fromAddress(address),
    });
    expect(response.status).toBe(201);
  }
  const user = await signedInUser("off");
  for (let i = 0; i < 3; i++) {
    expect(
      await authenticateWithinLimits({ email: user.email, address, password: "no" }),
    ).toBeNull();
  }
  expect(
    await authenticateWithinLimits({ email: user.email, address, password: "long enough" }),
  ).not.toBeNull();
  const owner = { guestId: guest().guestId };
  const chat = await newChat(owner);
  const turns = await Promise.all(
    [1, 2, 3].map((n) =>
      startAssistantTurn({
        owner,
        request: {
          chat_id: chat.id,
          assistant_id: crypto.randomUUID(),
          message: { id: crypto.randomUUID(), content: `question ${n}` },
        },
        signal: new AbortController().signal,
        requestId: "test",
      }),
    ),
  );
  await Promise.all(turns.map((t) => t.saved));
});
