import { expect, test } from "vitest";
import { safeRedirect } from "@/lib/safe-redirect";

test.each([
  ["/chatbot", "/chatbot"],
  [
    "/chatbot/c/0b4f6c9e-8d7a-4f7e-9a59-2b2d1c1c1c1c?x=1#m",
    "/chatbot/c/0b4f6c9e-8d7a-4f7e-9a59-2b2d1c1c1c1c?x=1#m",
  ],
  ["/", "/"],
  ["/a/../chatbot", "/chatbot"],
  ["/sign-in?next=%2F%2Fevil.example", "/sign-in?next=%2F%2Fevil.example"],
  // Another origin, however it is written.
  ["//evil.example", "/"],
  ["///evil.example", "/"],
  ["/\\evil.example", "/"],
  ["/\\/evil.example", "/"],
  ["\\\\evil.example", "/"],
  ["/\t/evil.example", "/"],
  ["/\n/evil.example", "/"],
  ["/\r\n/evil.example", "/"],
  ["/%09/evil.example", "/%09/evil.example"],
  ["%2F%2Fevil.example", "/"],
  ["https://evil.example", "/"],
  ["http:evil.example", "/"],
  ["javascript:alert(1)", "/"],
  ["/ /evil.example", "/%20/evil.example"],
  ["", "/"],
  [`/${"a".repeat(5000)}`, "/"],
])("safeRedirect(%j) is %j", (target, expected) => {
  expect(safeRedirect(target)).toBe(expected);
});

test.each([[undefined], [null], [42], [["/chatbot"]], [{ href: "/chatbot" }]])(
  "a non-string (%j) is /",
  (target) => {
    expect(safeRedirect(target)).toBe("/");
  },
);
