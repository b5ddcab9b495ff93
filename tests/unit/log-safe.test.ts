import { APICallError } from "ai";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { expect, test } from "vitest";
import { safeErrorSummary } from "@/lib/log-safe";

const SECRET = "my diary entry: I am learning the cello in secret";

test("a provider error is logged without the conversation it carried", () => {
  const error = new APICallError({
    message: "Internal Server Error",
    url: "http://127.0.0.1:9/v1/chat/completions",
    requestBodyValues: { messages: [{ role: "user", content: SECRET }] },
    statusCode: 500,
    responseBody: JSON.stringify({ echo: SECRET }),
  });
  const line = safeErrorSummary(error);
  expect(line).toContain("status=500");
  expect(line).toContain("Internal Server Error");
  expect(line).not.toContain(SECRET);
  expect(line).not.toContain("cello");
});

test("a failed query is logged by the database's message, not its parameters", () => {
  const cause = Object.assign(new Error('duplicate key value violates unique constraint "x"'), {
    code: "23505",
  });
  const error = new DrizzleQueryError("insert into chats_chatmessage values ($1)", [SECRET], cause);
  const line = safeErrorSummary(error);
  expect(line).toContain("code=23505");
  expect(line).toContain("duplicate key");
  expect(line).not.toContain("cello");
});
