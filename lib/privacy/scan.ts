import { findApiKeys, findCards, findEmails, findIbans, findPhones, findTokens } from "./detectors";
import type { Hit, PrivacyKind } from "./kinds";
import { excerptOf, maskValue } from "./mask";

export type TextFinding = Hit & { excerpt: string; masked: string };

// Where two detectors claim the same characters, the more specific one wins: a Stripe key
// is not also a "token", a card number is not also a phone number.
const DETECTORS: [PrivacyKind, (text: string) => Hit[]][] = [
  ["api_key", findApiKeys],
  ["iban", findIbans],
  ["card", findCards],
  ["email", findEmails],
  ["phone", findPhones],
  ["token", findTokens],
];

/** Every sensitive-looking value in a text, in order, none overlapping another. */
export function findSensitive(text: string): TextFinding[] {
  const kept: Hit[] = [];
  for (const [, detect] of DETECTORS) {
    for (const hit of detect(text)) {
      if (!kept.some((k) => hit.start < k.end && k.start < hit.end)) kept.push(hit);
    }
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map((hit) => ({
    ...hit,
    masked: maskValue(hit.kind, text.slice(hit.start, hit.end)),
    excerpt: excerptOf(text, hit, kept),
  }));
}

export type ChatFinding = {
  /** null for the chat's title. */
  message_id: string | null;
  kind: PrivacyKind;
  excerpt: string;
  start: number;
  end: number;
};

/** The check before a chat goes public: its title and each message's content. */
export function scanChat(chat: { title: string; messages: { id: string; content: string }[] }): {
  findings: ChatFinding[];
  scanned_messages: number;
} {
  const findings: ChatFinding[] = [];
  const sources = [{ id: null, content: chat.title }, ...chat.messages];
  for (const { id, content } of sources) {
    for (const f of findSensitive(content)) {
      findings.push({
        message_id: id,
        kind: f.kind,
        excerpt: f.excerpt,
        start: f.start,
        end: f.end,
      });
    }
  }
  return { findings, scanned_messages: chat.messages.length };
}
