/**
 * A request body's chunks, counted as they stream in: past `maxBytes` it stops reading
 * and throws `tooLarge()`, whatever Content-Length claimed (an absent or false length
 * cannot slip more through). A declared length past the limit throws at once, before
 * the caller prepares anything for the body.
 */
export function boundedChunks(
  request: Request,
  maxBytes: number,
  tooLarge: () => Error,
): AsyncIterable<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge();
  return counted(request.body, maxBytes, tooLarge);
}

async function* counted(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  tooLarge: () => Error,
) {
  if (!body) return;
  const reader = body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    yield value;
  }
}
