import { afterAll, vi } from "vitest";

/**
 * The chatbot's offline assistant without its typing delay, for the test file that calls
 * this at its top (before lib/env is first read), until the file's tests are done.
 */
export function stubInstantOfflineAssistant() {
  vi.stubEnv("AI_BASE_URL", "");
  vi.stubEnv("AI_MODEL", "");
  vi.stubEnv("AI_OFFLINE_CHUNK_DELAY_MS", "0");
  afterAll(() => {
    vi.unstubAllEnvs();
  });
}
