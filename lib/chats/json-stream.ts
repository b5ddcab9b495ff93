import { JSONParser } from "@streamparser/json";
import { malformed } from "./import-source";

export type JsonValueAt = {
  key: string | number | undefined;
  value: unknown;
  /** Whether the value is an item of an array (else a property, or the document). */
  inArray: boolean;
};

/**
 * The values at `paths` (JSONPath as @streamparser/json reads it: `$.*`, `$.chats.*`)
 * of one JSON document read from a byte stream, each as soon as it is complete, so that
 * memory holds one of them at a time and never the whole document. Invalid JSON, a
 * document cut short or anything after it is a 400 that says near which byte.
 */
export async function* jsonValuesAt(
  bytes: AsyncIterable<Uint8Array>,
  paths: string[],
): AsyncGenerator<JsonValueAt> {
  const parser = new JSONParser({ paths, keepStack: false });
  let ready: JsonValueAt[] = [];
  parser.onValue = ({ key, value, parent }) => {
    ready.push({ key, value, inArray: Array.isArray(parent) });
  };
  let offset = 0;
  for await (const chunk of bytes) {
    try {
      parser.write(chunk);
    } catch (error) {
      throw notJson(error, offset);
    }
    offset += chunk.byteLength;
    const values = ready;
    ready = [];
    yield* values;
  }
  if (offset === 0) throw malformed("", "the file is empty");
  try {
    // A document that is whole has ended already, and ending it again is an error.
    if (!parser.isEnded) parser.end();
  } catch (error) {
    throw notJson(error, offset);
  }
  yield* ready;
}

function notJson(error: unknown, offset: number) {
  const detail = error instanceof Error ? error.message : String(error);
  // The tokenizer gives the absolute position; the parser's own errors give none, and
  // then the start of the chunk it was reading says where to look.
  const absolute = /absolute position "(\d+)"/.exec(detail)?.[1];
  const near = absolute ? Number(absolute) : offset;
  return malformed("", `not valid JSON near byte ${near} (${detail.replace(/\.$/, "")})`);
}
