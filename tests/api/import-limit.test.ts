import { expect, test } from "vitest";
import * as importRoute from "@/app/api/chats/import/route";
import { listChatsByOwner } from "@/db/queries/chats";
import { guest } from "../helpers/callers";

// A small IMPORT_MAX_BYTES, read by lib/env on first use (after this file is loaded).
Object.assign(process.env, { IMPORT_MAX_BYTES: "2048" });

const conversation = (i: number) => ({
  id: `c${i}`,
  title: `Chat ${i}`,
  current_node: "u",
  mapping: {
    u: { message: { author: { role: "user" }, content: { content_type: "text", parts: ["hi"] } } },
  },
});

/** A body streamed in chunks, with no Content-Length: only the count while reading can refuse it. */
function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = Buffer.from(text);
  return new ReadableStream({
    start(controller) {
      for (let start = 0; start < bytes.length; start += 500) {
        controller.enqueue(bytes.subarray(start, start + 500));
      }
      controller.close();
    },
  });
}

function post(headers: Record<string, string>, body: ReadableStream<Uint8Array> | string) {
  const request = new Request("http://localhost:3000/api/chats/import/", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  return importRoute.POST(request, { params: Promise.resolve({}) as never });
}

test("POST /api/chats/import/ past IMPORT_MAX_BYTES is 413, counted as it streams, and imports nothing", async () => {
  const me = guest("import-limit");
  const small = JSON.stringify([conversation(1)]);
  expect((await post(me.headers, streamed(small))).status).toBe(200);

  const big = JSON.stringify(Array.from({ length: 40 }, (_, i) => conversation(i + 2)));
  expect(big.length).toBeGreaterThan(2048);
  const response = await post(me.headers, streamed(big));
  expect(response.status).toBe(413);
  const { error } = await response.json();
  expect(error.code).toBe("payload_too_large");
  expect(error.message).toMatch(/larger than 2048 bytes/);
  const { chats } = await listChatsByOwner({ owner: { guestId: me.guestId }, limit: 100 });
  expect(chats.map((c) => c.title)).toEqual(["Chat 1"]);
});
