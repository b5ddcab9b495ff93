import { expect, test } from "vitest";
import { safeRedirect } from "@/lib/identity/safe-redirect";

const CASES: [string, string][] = [
  ["/chatbot", "/chatbot"],
  [
    "/chatbot/c/0b4f6c9e-8d7a-4f7e-9a59-2b2d1c1c1c1c?x=1#m",
    "/chatbot/c/0b4f6c9e-8d7a-4f7e-9a59-2b2d1c1c1c1c?x=1#m",
  ],
  ["/", "/"],
  ["/a/../chatbot", "/chatbot"],
  ["/sign-in?next=%2F%2Fevil.example", "/sign-in?next=%2F%2Fevil.example"],
  ["/?next=//evil.example", "/?next=//evil.example"],
  ["/#//evil.example", "/#//evil.example"],
  ["/@evil.example", "/@evil.example"],
  // What the browser would strip is stripped here too, so the path is the one it follows.
  ["/chatbot\t?x=1", "/chatbot?x=1"],
  ["/chatbot\n", "/chatbot"],
  // Encoded characters stay encoded: a path segment, never a separator.
  ["/%09/evil.example", "/%09/evil.example"],
  ["/%5C%5Cevil.example", "/%5C%5Cevil.example"],
  // Another origin, however it is written.
  ["//evil.example", "/"],
  ["//", "/"],
  ["/\\", "/"],
  ["///evil.example", "/"],
  ["/\\evil.example", "/"],
  ["/\\/evil.example", "/"],
  ["\\\\evil.example", "/"],
  ["/\t/evil.example", "/"],
  ["/\n/evil.example", "/"],
  ["/\r/evil.example", "/"],
  ["/\r\n/evil.example", "/"],
  ["\t//evil.example", "/"],
  ["/\\\t\\evil.example", "/"],
  ["/\\@evil.example", "/"],
  // Dot segments that collapse into "//": caught on the parsed path.
  ["/.//evil.example", "/"],
  ["/..//evil.example", "/"],
  ["/a/..//evil.example", "/"],
  ["/%2e//evil.example", "/"],
  ["%2F%2Fevil.example", "/"],
  ["https://evil.example", "/"],
  ["http:evil.example", "/"],
  ["HTTP://evil.example", "/"],
  ["javascript:alert(1)", "/"],
  ["/ /evil.example", "/%20/evil.example"],
  [" /chatbot", "/"],
  ["", "/"],
  [`/${"a".repeat(5000)}`, "/"],
];

test.each(CASES)("safeRedirect(%j) is %j", (target, expected) => {
  expect(safeRedirect(target)).toBe(expected);
});

test("what comes out stays on the site wherever it is used, and is already safe", () => {
  for (const [target] of CASES) {
    const path = safeRedirect(target);
    expect(new URL(path, "https://chats.example").origin).toBe("https://chats.example");
    expect(safeRedirect(path)).toBe(path);
  }
});

test.each([[undefined], [null], [42], [["/chatbot"]], [{ href: "/chatbot" }]])(
  "a non-string (%j) is /",
  (target) => {
    expect(safeRedirect(target)).toBe("/");
  },
);
