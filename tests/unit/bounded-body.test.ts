import { describe, expect, it } from "vitest";
import { boundedChunks } from "@/lib/http/bounded-body";

class TooLarge extends Error {}

function streamed(chunks: number[], headers: Record<string, string> = {}) {
  let cancelled = false;
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(new Uint8Array(chunks[i++] ?? 0));
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  const request = new Request("http://test/", {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);
  return { request, cancelled: () => cancelled, pulled: () => i };
}

async function sizes(chunks: AsyncIterable<Uint8Array>) {
  const out: number[] = [];
  for await (const chunk of chunks) out.push(chunk.byteLength);
  return out;
}

describe("boundedChunks", () => {
  it("yields every chunk of a body within the limit", async () => {
    const { request } = streamed([4, 4, 2]);
    expect(await sizes(boundedChunks(request, 10, () => new TooLarge()))).toEqual([4, 4, 2]);
  });

  it("refuses a declared length past the limit before reading anything", () => {
    const { request, pulled } = streamed([4], { "content-length": "11" });
    expect(() => boundedChunks(request, 10, () => new TooLarge())).toThrow(TooLarge);
    expect(pulled()).toBe(0);
  });

  it("stops reading and cancels the body at the first byte past the limit, whatever was declared", async () => {
    const { request, cancelled, pulled } = streamed([6, 6, 6, 6], { "content-length": "3" });
    await expect(sizes(boundedChunks(request, 10, () => new TooLarge()))).rejects.toThrow(TooLarge);
    expect(cancelled()).toBe(true);
    expect(pulled()).toBeLessThan(4);
  });

  it("reads a request without a body as empty", async () => {
    const request = new Request("http://test/", { method: "POST" });
    expect(await sizes(boundedChunks(request, 10, () => new TooLarge()))).toEqual([]);
  });
});
