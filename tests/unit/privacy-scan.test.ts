import { describe, expect, test } from "vitest";
import { isValidIban } from "@/lib/privacy/iban";
import { passesLuhn } from "@/lib/privacy/luhn";
import { findSensitive, scanChat } from "@/lib/privacy/scan";
import { CLEAN_MESSAGES, POSITIVES } from "../fixtures/privacy-corpus";

describe("the privacy check's detectors", () => {
  test("the precision corpus of ordinary learning conversations gives no finding", () => {
    const flagged = CLEAN_MESSAGES.flatMap((text) =>
      findSensitive(text).map((f) => `${f.kind}: ${text.slice(f.start, f.end)}`),
    );
    expect(flagged).toEqual([]);
    expect(CLEAN_MESSAGES.length).toBeGreaterThanOrEqual(40);
  });

  test.each(POSITIVES.map((p) => [p.kind, p.value, p.text] as const))(
    "finds the %s %s at its exact position, masked",
    (kind, value, text) => {
      const findings = findSensitive(text);
      expect(findings.map((f) => f.kind)).toEqual([kind]);
      const [found] = findings;
      if (!found) throw new Error("no finding");
      expect(text.slice(found.start, found.end)).toBe(value);
      expect(found.start).toBe(text.indexOf(value));
      // The mask never shows the value, nor most of it.
      expect(found.excerpt).not.toContain(value);
      expect(found.masked).not.toContain(value);
      const compact = value.replace(/[\s-]/g, "");
      const shown = found.masked.replace(/[^A-Za-z0-9]/g, "");
      expect(shown.length).toBeLessThanOrEqual(Math.max(12, compact.length / 2));
    },
  );

  test("every kind has several positives", () => {
    const counts = new Map<string, number>();
    for (const p of POSITIVES) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
    for (const kind of ["email", "phone", "card", "iban", "api_key", "token"]) {
      expect(counts.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(3);
    }
  });

  test("masks look like the documented examples", () => {
    const [email] = findSensitive("write to jane@example.org or john@example-mail.com");
    expect(email?.masked).toBe("j***@e***.com");
    expect(findSensitive("card 4242 4242 4242 4242")[0]?.masked).toBe("**** **** **** 4242");
    expect(findSensitive("key sk-abcdefghijklmnopqrstuvwxa1B2")[0]?.masked).toBe("sk-…a1B2");
    expect(findSensitive("IBAN DE89 3704 0044 0532 0130 00")[0]?.masked).toBe(
      "DE** **** **** **** **30 00",
    );
  });

  test("an excerpt masks every finding it shows, not only its own", () => {
    const text = "mail jane.doe@gmail.com key sk_live_CsMehGAkWvj7FAc9QeWJKY40 end";
    const findings = findSensitive(text);
    expect(findings.map((f) => f.kind)).toEqual(["email", "api_key"]);
    for (const f of findings) {
      expect(f.excerpt).not.toContain("jane.doe@gmail.com");
      expect(f.excerpt).not.toContain("CsMehGAkWvj7FAc9QeWJKY40");
    }
  });

  test("positions count UTF-16 units, as JavaScript strings do", () => {
    const text = "🎸🎶 née: jane.doe@gmail.com";
    const [found] = findSensitive(text);
    expect(found?.start).toBe(text.indexOf("jane"));
    expect(text.slice(found?.start, found?.end)).toBe("jane.doe@gmail.com");
  });

  test("Luhn and mod-97 checks", () => {
    expect(passesLuhn("4242424242424242")).toBe(true);
    expect(passesLuhn("4242424242424241")).toBe(false);
    expect(isValidIban("DE89370400440532013000")).toBe(true);
    expect(isValidIban("DE89370400440532013001")).toBe(false);
    // A number that fails Luhn and an IBAN-shaped string that fails mod-97 are not found.
    expect(findSensitive("4242 4242 4242 4241 and DE89 3704 0044 0532 0130 01")).toEqual([]);
  });

  test("scanChat scans the title (message_id null) and each message", () => {
    const result = scanChat({
      title: "Ask jane.doe@gmail.com",
      messages: [
        { id: "m1", content: "hello" },
        { id: "m2", content: "card 4111 1111 1111 1111" },
      ],
    });
    expect(result.scanned_messages).toBe(2);
    expect(result.findings.map((f) => [f.message_id, f.kind])).toEqual([
      [null, "email"],
      ["m2", "card"],
    ]);
  });
});
