import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import { boundedChunks } from "@/lib/http/bounded-body";

/** An upload written to a temporary file; `dispose` removes it. */
export type SpooledBody = {
  size: number;
  /** The file's bytes from the start, as many times as needed. */
  open: () => AsyncIterable<Uint8Array>;
  /** Its first bytes, to tell the format by. */
  head: Buffer;
  dispose: () => Promise<void>;
};

const HEAD_BYTES = 64 * 1024;

export const importTooLarge = (maxBytes: number) =>
  new AppError(
    "payload_too_large",
    `The file is larger than ${formatBytes(maxBytes)}, the most one import takes.`,
  );

const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${bytes} bytes`;

/**
 * Writes the request body to a temporary file, counting it as it streams in: past
 * `maxBytes` (whatever Content-Length said) it stops reading and throws 413.
 *
 * Spooled rather than parsed straight from the request: the import then runs in one
 * transaction over a local file, so a slow upload never holds a transaction (or the
 * embedded database's one connection) open, and memory holds only a chunk at a time.
 */
export async function spoolBody(request: Request, maxBytes: number): Promise<SpooledBody> {
  const chunks = boundedChunks(request, maxBytes, () => importTooLarge(maxBytes));
  const dir = await mkdtemp(path.join(tmpdir(), "skillmate-import-"));
  const file = path.join(dir, "upload");
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const out = createWriteStream(file);
    const headChunks: Buffer[] = [];
    let headSize = 0;
    let size = 0;
    try {
      for await (const value of chunks) {
        size += value.byteLength;
        if (headSize < HEAD_BYTES) {
          headChunks.push(Buffer.from(value.subarray(0, HEAD_BYTES - headSize)));
          headSize += Math.min(value.byteLength, HEAD_BYTES - headSize);
        }
        // Waits for the disk when it is slower than the network.
        if (!out.write(value))
          await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      }
    } finally {
      out.end();
      await finished(out);
    }
    return {
      size,
      head: Buffer.concat(headChunks),
      open: () => createReadStream(file, { highWaterMark: 256 * 1024 }),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
