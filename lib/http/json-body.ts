import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a JSON object body within the contract's limits: 415 for another media type,
 * 413 past 1 MiB (counted while streaming, whatever Content-Length claims), 400 for
 * anything that is not a JSON object.
 */
export async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AppError("invalid_json", "The body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

function tooLarge() {
  return new AppError("payload_too_large", "The body is larger than 1 MiB.");
}
