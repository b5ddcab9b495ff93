import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../tests/helpers/fake-openai-server";
import { ChatbotPage } from "./pages/chatbot";

// Provider failures need a provider that fails on cue: this file starts its own
// `next start` (the same build) pointed at a fake OpenAI-compatible server, so no test
// hook lives in the production code.

const ERROR_REPLY = "SkillMate could not answer just now. Please try again.";

let fake: FakeOpenAIServer;
let server: ChildProcess;
let baseURL: string;
let dataDir: string;
let serverLog = "";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitUntilUp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited:\n${serverLog}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not come up in ${timeoutMs} ms:\n${serverLog}`);
}

test.describe.configure({ mode: "serial", timeout: 60_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  fake = await startFakeOpenAIServer();
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.join(tmpdir(), "skillmate-e2e-errors-"));
  // detached: its own process group, so npx and the next server under it stop together.
  server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env, // NEXT_DIST_DIR: the build under test
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      AUTH_SECRET: "e2e-errors-secret-not-for-production-0123",
      AI_BASE_URL: fake.baseURL,
      AI_MODEL: "test",
      AI_TIMEOUT_MS: "10000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  server.stdout?.on("data", (chunk) => {
    serverLog += chunk;
  });
  server.stderr?.on("data", (chunk) => {
    serverLog += chunk;
  });
  await waitUntilUp(`${baseURL}/sign-in`, 90_000);
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    process.kill(-server.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
  await fake?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("a provider error shows its message, and Retry answers", async ({ page }) => {
  const chat = new ChatbotPage(page);
  fake.reply({ kind: "status", status: 500, message: "upstream exploded" });
  await chat.goto(`${baseURL}/chatbot`);
  // A configured provider: no offline badge.
  await expect(page.getByText("Offline mode")).toHaveCount(0);

  await chat.send("Help me learn to swim");
  const failed = chat.replies().last();
  await expect(failed).toContainText(ERROR_REPLY);
  // The provider's own words stay on the server.
  await expect(failed).not.toContainText("upstream exploded");
  await expect(failed.getByRole("button", { name: "Retry" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  const chatId = chat.chatId();

  // The failure is stored too: it is still there after a reload, with its Retry.
  await expect
    .poll(async () => {
      await page.reload();
      return chat.replies().last().textContent();
    })
    .toContain(ERROR_REPLY);

  fake.reply({
    kind: "stream",
    chunks: ["Start", " in the", " shallow end", " with a kickboard."],
    delayMs: 30,
  });
  await page.getByRole("button", { name: "Retry" }).click();
  await chat.waitForReply();
  await expect(chat.replies()).toHaveCount(1);
  await expect(chat.replies().last()).toHaveText("Start in the shallow end with a kickboard.");
  await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);

  // Stored: the question and the good answer, the failure gone.
  await expect
    .poll(async () => {
      const detail = await (await page.request.get(`${baseURL}/api/chats/${chatId}`)).json();
      return detail.messages.map((m: { content: string; is_error: boolean }) => [
        m.content,
        m.is_error,
      ]);
    })
    .toEqual([
      ["Help me learn to swim", false],
      ["Start in the shallow end with a kickboard.", false],
    ]);
  await page.reload();
  await expect(chat.replies()).toHaveText(["Start in the shallow end with a kickboard."]);
});
