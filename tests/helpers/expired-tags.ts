import { createRequire } from "node:module";
import { afterAll } from "vitest";

const require = createRequire(import.meta.url);
const sharedTags = require("../../lib/cache/shared-tags.cjs") as {
  onExpire(listener: (tag: string) => void): () => boolean;
};

/**
 * Every cache tag expired from now until the file's tests end, in order (empty it with
 * `length = 0` to watch one write). Call it at the top of a test file.
 */
export function recordExpiredTags(): string[] {
  const expired: string[] = [];
  const stopListening = sharedTags.onExpire((tag) => expired.push(tag));
  afterAll(() => {
    stopListening();
  });
  return expired;
}
