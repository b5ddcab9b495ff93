import { describe, expect, test } from "vitest";
import { REDACTED, redactChat, redactText, sameRange } from "@/lib/privacy/redact";
import { scanChat } from "@/lib/privacy/scan";

// Hiding findings of the privacy check in a snapshot's copy: ranges in UTF-16 code units,
// as the check answers them and JavaScript strings index.

describe("redactText", () => {
  test("replaces each range, whatever order they come in, keeping the rest", () => {
    const text = "mail jane.doe@gmail.com or call +44 20 7946 0958 today";
    const email = { start: 5, end: 23 };
    const phone = { start: 32, end: 48 };
    expect(text.slice(email.start, email.end)).toBe("jane.doe@gmail.com");
    expect(text.slice(phone.start, phone.end)).toBe("+44 20 7946 0958");
    const expected = `mail ${REDACTED} or call ${REDACTED} today`;
    expect(redactText(text, [email, phone])).toBe(expected);
    expect(redactText(text, [phone, email])).toBe(expected);
  });

  test("counts UTF-16 code units: text after emoji and accents stays in place", () => {
    const text = "🎸 Café — key sk_live_CsMehGAkWvj7FAc9QeWJKY40 🎹";
    const start = text.indexOf("sk_live_");
    const end = start + "sk_live_CsMehGAkWvj7FAc9QeWJKY40".length;
    expect(redactText(text, [{ start, end }])).toBe(`🎸 Café — key ${REDACTED} 🎹`);
  });

  test("a range at the very start or end, and the whole text", () => {
    expect(redactText("secret rest", [{ start: 0, end: 6 }])).toBe(`${REDACTED} rest`);
    expect(redactText("rest secret", [{ start: 5, end: 11 }])).toBe(`rest ${REDACTED}`);
    expect(redactText("secret", [{ start: 0, end: 6 }])).toBe(REDACTED);
  });

  test("overlapping or touching ranges become one; empty, reversed or outside ones hide nothing", () => {
    expect(
      redactText("0123456789", [
        { start: 2, end: 5 },
        { start: 4, end: 7 },
      ]),
    ).toBe(`01${REDACTED}789`);
    expect(
      redactText("0123456789", [
        { start: 2, end: 8 },
        { start: 3, end: 5 },
      ]),
    ).toBe(`01${REDACTED}89`);
    expect(
      redactText("0123456789", [
        { start: 2, end: 4 },
        { start: 4, end: 6 },
      ]),
    ).toBe(`01${REDACTED}${REDACTED}6789`);
    expect(
      redactText("0123456789", [
        { start: 3, end: 3 },
        { start: 6, end: 4 },
      ]),
    ).toBe("0123456789");
    expect(
      redactText("0123", [
        { start: 2, end: 99 },
        { start: 50, end: 60 },
      ]),
    ).toBe(`01${REDACTED}`);
    expect(redactText("text", [])).toBe("text");
  });
});

describe("redactChat", () => {
  const chat = {
    title: "Card 4242 4242 4242 4242 question",
    messages: [
      { id: "7D9C8A5E-0000-4000-8000-000000000001", content: "Hi, I am jane.doe@gmail.com" },
      {
        id: "7d9c8a5e-0000-4000-8000-000000000002",
        content: "Key sk_live_CsMehGAkWvj7FAc9QeWJKY40 and mail jane.doe@gmail.com",
      },
      { id: "7d9c8a5e-0000-4000-8000-000000000003", content: "Nothing here" },
    ],
  };

  test("every finding of the check, title included, each in its own text", () => {
    const { findings } = scanChat(chat);
    expect(findings).toHaveLength(4);
    const redacted = redactChat(chat, findings);
    expect(redacted.title).toBe(`Card ${REDACTED} question`);
    expect(redacted.messages.map((m) => m.content)).toEqual([
      `Hi, I am ${REDACTED}`,
      `Key ${REDACTED} and mail ${REDACTED}`,
      "Nothing here",
    ]);
    // The messages keep their ids (and any other field); the input is not changed.
    expect(redacted.messages.map((m) => m.id)).toEqual(chat.messages.map((m) => m.id));
    expect(chat.messages[0]?.content).toBe("Hi, I am jane.doe@gmail.com");
    expect(scanChat(redacted).findings).toEqual([]);
  });

  test("only the ranges given; ids compare case-insensitively; unknown ids are ignored", () => {
    const { findings } = scanChat(chat);
    const email = findings.find((f) => f.message_id === chat.messages[1]?.id && f.kind === "email");
    if (!email) throw new Error("no email finding");
    const redacted = redactChat(chat, [
      { ...email, message_id: email.message_id?.toUpperCase() ?? null },
      { message_id: crypto.randomUUID(), start: 0, end: 4 },
    ]);
    expect(redacted.title).toBe(chat.title);
    expect(redacted.messages.map((m) => m.content)).toEqual([
      chat.messages[0]?.content,
      `Key sk_live_CsMehGAkWvj7FAc9QeWJKY40 and mail ${REDACTED}`,
      "Nothing here",
    ]);
    // The first message's id is upper-case: a lower-case range still finds it.
    const first = findings.find((f) => f.message_id === chat.messages[0]?.id);
    if (!first) throw new Error("no finding in the first message");
    const lower = { ...first, message_id: first.message_id?.toLowerCase() ?? null };
    expect(redactChat(chat, [lower]).messages[0]?.content).toBe(`Hi, I am ${REDACTED}`);
  });

  test("sameRange: same place, ids case-insensitively; the title is its own place", () => {
    const id = "7d9c8a5e-0000-4000-8000-000000000002";
    expect(
      sameRange(
        { message_id: id, start: 1, end: 2 },
        { message_id: id.toUpperCase(), start: 1, end: 2 },
      ),
    ).toBe(true);
    expect(
      sameRange({ message_id: id, start: 1, end: 2 }, { message_id: id, start: 1, end: 3 }),
    ).toBe(false);
    expect(
      sameRange({ message_id: null, start: 1, end: 2 }, { message_id: id, start: 1, end: 2 }),
    ).toBe(false);
    expect(
      sameRange({ message_id: null, start: 1, end: 2 }, { message_id: null, start: 1, end: 2 }),
    ).toBe(true);
  });
});
