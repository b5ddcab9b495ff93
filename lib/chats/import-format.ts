import { AppError } from "@/lib/errors";
import { malformed } from "./import-source";

/** How a file is read: ChatGPT's conversations.json, or this app's NDJSON or JSON export. */
export type ImportReader = "chatgpt" | "ndjson" | "json-export";

const NDJSON = /^application\/(x-)?(ndjson|jsonl|jsonlines)\s*(;|$)/i;
const JSON_TYPE = /^application\/(.+\+)?json\s*(;|$)/i;
// A browser uploads a file whose extension it does not know with no type, or as bytes.
const UNTYPED = /^(application\/octet-stream|text\/plain)?\s*(;|$)/i;

/** Whether the media type is one an import reads; refused before the body is read. */
export function assertImportMediaType(contentType: string | null): void {
  const type = contentType ?? "";
  if (NDJSON.test(type) || JSON_TYPE.test(type) || UNTYPED.test(type)) return;
  throw new AppError(
    "unsupported_media_type",
    "Send the file as application/json (ChatGPT's conversations.json, or a JSON export) or application/x-ndjson (an export of all chats).",
  );
}

/**
 * The reader for a file, from its media type and its first bytes: a JSON array is
 * ChatGPT's; an object is this app's export, NDJSON when its first line is a whole
 * header on its own (whatever the type says, as a browser may send an .ndjson file as
 * JSON or untyped), a JSON document otherwise.
 */
export function importReaderFor(contentType: string | null, head: Buffer): ImportReader {
  const text = head.toString("utf8").replace(/^\uFEFF/, "");
  const first = /\S/.exec(text)?.[0];
  if (first === undefined) throw malformed("", "the file is empty");
  if (first === "[") return "chatgpt";
  if (first !== "{") {
    throw malformed(
      "",
      "it is neither ChatGPT's conversations.json (a JSON array) nor a SkillMate export (a JSON object)",
    );
  }
  if (NDJSON.test(contentType ?? "")) return "ndjson";
  const newline = text.indexOf("\n");
  if (newline < 0) return "json-export";
  try {
    const line = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
    return line.type === "skillmate.export" && !("chats" in line) ? "ndjson" : "json-export";
  } catch {
    return "json-export";
  }
}
