import { AppError } from "@/lib/errors";
import { boundedChunks } from "./bounded-body";

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
  const chunks: Uint8Array[] = [];
  for await (const chunk of boundedChunks(request, MAX_BODY_BYTES, tooLarge)) chunks.push(chunk);
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
