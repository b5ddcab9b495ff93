import { expect, test } from "vitest";
import { registerSchema } from "@/lib/validation/user";

test.each([
  ["short password", { email: "a@b.io", password: "short" }, "password"],
  ["malformed email", { email: "not-an-email", password: "long enough" }, "email"],
  ["missing email", { password: "long enough" }, "email"],
  ["password of the wrong type", { email: "a@b.io", password: 12345678 }, "password"],
  ["over-long name", { email: "a@b.io", password: "long enough", name: "n".repeat(101) }, "name"],
  ["unknown field", { email: "a@b.io", password: "long enough", admin: true }, ""],
])("registration rejects a %s", (_label, input, path) => {
  const result = registerSchema.safeParse(input);
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((i) => i.path.join("."))).toContain(path);
});

test("registration normalises the email", () => {
  const parsed = registerSchema.parse({ email: "  Ann@Example.IO ", password: "long enough" });
  expect(parsed.email).toBe("ann@example.io");
});
