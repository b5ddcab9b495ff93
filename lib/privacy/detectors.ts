import { shannonEntropy } from "./entropy";
import { isValidIban } from "./iban";
import type { Hit, PrivacyKind } from "./kinds";
import { passesLuhn } from "./luhn";

// Each detector is a pattern that finds candidates and a check that keeps only real ones:
// the patterns are generous, the checks (Luhn, mod-97, entropy, reserved domains) keep a
// learning conversation's numbers, hashes and code from being flagged.

function* matches(text: string, pattern: RegExp) {
  for (const m of text.matchAll(pattern)) {
    const index = m.index ?? 0;
    // A lookbehind group (1) may precede the value itself (group "v").
    const value = m.groups?.v ?? m[0];
    const start = index + m[0].indexOf(value);
    yield { value, start, end: start + value.length };
  }
}

function hits(kind: PrivacyKind, found: { start: number; end: number }[]): Hit[] {
  return found.map(({ start, end }) => ({ kind, start, end }));
}

// RFC 2606/6761 names are for examples; `git@host` is an SSH remote, not a mailbox.
const EXAMPLE_DOMAIN =
  /(^|\.)(example\.(com|org|net)|[a-z0-9-]+\.(test|example|invalid|localhost))$/i;
const EMAIL =
  /(?<![\w.%+-])(?<v>[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24})(?![\w@-]|\.\w)/g;

export function findEmails(text: string): Hit[] {
  return hits(
    "email",
    [...matches(text, EMAIL)].filter(({ value }) => {
      const [local = "", domain = ""] = value.split("@");
      return local.toLowerCase() !== "git" && !EXAMPLE_DOMAIN.test(domain);
    }),
  );
}

// International: "+" then 8..15 digits in groups. National: a leading 0 (Europe) or the
// North American 3-3-4 shape, one kind of separator throughout. Neither may touch another
// digit, a dot-digit or a colon, so versions, times, dates and sums stay out.
const INTERNATIONAL = /(?<![\w+)])(?<v>\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6})(?![\w:]|[.-]\d)/g;
// A national number inside a longer run of digit groups ("… 377 610 987 1597 2584") is a
// sequence, not a phone number.
const NATIONAL_EU =
  /(?<![\w.+/-]|\d[ .-])(?<v>(?:\(0\d{1,4}\)|0\d{1,4})([ ./-])\d{2,8}(?:\2\d{2,8}){0,3})(?![\w:]|[ ./-]\d)/g;
const NATIONAL_NA =
  /(?<![\w.+/-]|\d[ .-])(?<v>(?:\(\d{3}\) ?|\d{3}([ .-]))\d{3}[ .-]\d{4})(?![\w:]|[ ./-]\d)/g;

const digitCount = (value: string) => value.replace(/\D/g, "").length;

export function findPhones(text: string): Hit[] {
  const international = [...matches(text, INTERNATIONAL)].filter(({ value }) => {
    const n = digitCount(value);
    return n >= 9 && n <= 15;
  });
  const europe = [...matches(text, NATIONAL_EU)].filter(({ value }) => {
    const n = digitCount(value);
    return n >= 10 && n <= 12;
  });
  const northAmerica = [...matches(text, NATIONAL_NA)].filter(
    // Area and exchange codes never start with 0 or 1 in the NANP.
    ({ value }) => /^\(?[2-9]\d\d\)?[ .-]?[2-9]/.test(value),
  );
  return hits("phone", [...international, ...europe, ...northAmerica]);
}

// 13..19 digits, optionally grouped by spaces or dashes (one kind), with a card network's
// prefix and the Luhn check: a long number in a sum passes both about once in a hundred.
// Digits after "DE89 " are an IBAN's (a wrong one, when the IBAN check refused it).
const CARD = /(?<![\w.,+/-]|[A-Z]{2}\d\d )(?<v>\d(?:\d|([ -])(?=\d)){11,22}\d)(?![\w]|[.,/-]\d)/g;
const CARD_PREFIX = /^(4|5[1-5]|2[2-7]|3[47]|3[0689]|35|6011|65|62|5[06-9]|6[0-9])/;

export function findCards(text: string): Hit[] {
  return hits(
    "card",
    [...matches(text, CARD)].filter(({ value }) => {
      const separators = new Set(value.replace(/\d/g, ""));
      if (separators.size > 1) return false;
      const digits = value.replace(/\D/g, "");
      if (digits.length < 13 || digits.length > 19) return false;
      if (/^(\d)\1+$/.test(digits)) return false;
      // Ungrouped, only the common 16 digits (15 for Amex): a 13- or 19-digit result of a
      // sum passes the prefix and Luhn checks too often.
      if (separators.size === 0 && digits.length !== 16 && !/^3[47]\d{13}$/.test(digits)) {
        return false;
      }
      return CARD_PREFIX.test(digits) && passesLuhn(digits);
    }),
  );
}

const IBAN = /(?<![\w])(?<v>[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)(?!\w)/g;

export function findIbans(text: string): Hit[] {
  return hits(
    "iban",
    [...matches(text, IBAN)].filter(({ value }) => isValidIban(value.replace(/ /g, ""))),
  );
}

// Well-known credential formats: each has a fixed prefix and a body long enough that a
// mention of the prefix alone ("keys start with sk-") is not one.
const API_KEYS: RegExp[] = [
  /(?<![\w-])sk-(?:proj-|ant-(?:api|admin)\d\d-|svcacct-)?[A-Za-z0-9_-]{20,}/g,
  /(?<!\w)(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g,
  /(?<!\w)pk_live_[A-Za-z0-9]{16,}/g,
  /(?<!\w)gh[pousr]_[A-Za-z0-9]{36,}/g,
  /(?<!\w)github_pat_[A-Za-z0-9_]{50,}/g,
  /(?<![\w-])xox[bpars]-[A-Za-z0-9-]{10,}/g,
  /(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])/g,
  /(?<![\w-])AIza[0-9A-Za-z_-]{35}/g,
  /(?<![\w-])glpat-[A-Za-z0-9_-]{20,}/g,
  /(?<!\w)hf_[A-Za-z0-9]{30,}/g,
  /(?<!\w)npm_[A-Za-z0-9]{36}/g,
  /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g,
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g,
  // A PEM private key: the whole block when it is there, else the header alone.
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----)?/g,
];

// Documentation's placeholder keys (AWS's AKIAIOSFODNN7EXAMPLE) are meant to be pasted.
const PLACEHOLDER = /EXAMPLE/;

export function findApiKeys(text: string): Hit[] {
  return API_KEYS.flatMap((pattern) =>
    hits(
      "api_key",
      [...matches(text, pattern)].filter(({ value }) => !PLACEHOLDER.test(value)),
    ),
  );
}

// High-entropy tokens: 32+ characters of a base64/base64url alphabet with upper case,
// lower case and digits mixed the way random bytes mix them. Hex (hashes, git SHAs,
// UUIDs) has no upper case and is never one: those are fingerprints, not secrets.
const TOKEN = /(?<![\w+/-])(?<v>[A-Za-z0-9+/_-]{32,}={0,2})(?![\w+/=-])/g;
// Subresource integrity, lockfile hashes and data: URIs hold base64 that is public.
const PUBLIC_BASE64 = /^sha(?:1|256|384|512)-/;
const PUBLIC_BASE64_BEFORE = /base64,$/;

/** Whether the text reads like base64 of ordinary text (a tutorial's encoding example). */
function decodesToText(candidate: string): boolean {
  try {
    const normal = candidate.replace(/-/g, "+").replace(/_/g, "/");
    const decoded = atob(normal.padEnd(Math.ceil(normal.length / 4) * 4, "="));
    return /^[\x20-\x7e\t\r\n]+$/.test(decoded);
  } catch {
    return false;
  }
}

function looksRandom(candidate: string): boolean {
  const body = candidate.replace(/=+$/, "");
  const upper = body.replace(/[^A-Z]/g, "").length;
  const lower = body.replace(/[^a-z]/g, "").length;
  const digits = body.replace(/\D/g, "").length;
  if (upper < 4 || lower < 4 || digits < 2) return false;
  // Identifiers and paths are words: long runs of lower-case letters. Random base64 has
  // few runs of five or more.
  const wordy = (body.match(/[a-z]{5,}/g) ?? []).join("").length;
  if (wordy / body.length > 0.3) return false;
  // Random 32 characters of base64 score about 4.5 bits; the bar rises with length.
  return shannonEntropy(body) >= Math.min(4.2, Math.log2(body.length) - 1);
}

export function findTokens(text: string): Hit[] {
  return hits(
    "token",
    [...matches(text, TOKEN)].filter(
      ({ value, start }) =>
        !PUBLIC_BASE64.test(value) &&
        !PLACEHOLDER.test(value) &&
        !PUBLIC_BASE64_BEFORE.test(text.slice(Math.max(0, start - 8), start)) &&
        looksRandom(value) &&
        !decodesToText(value),
    ),
  );
}
