import type { Hit, PrivacyKind } from "./kinds";

const KEY_PREFIX =
  /^(?:sk-(?:proj-|ant-(?:api|admin)\d\d-|svcacct-)?|[sr]k_(?:live|test)_|pk_live_|gh[pousr]_|github_pat_|xox[bpars]-|AKIA|ASIA|AIza|glpat-|hf_|npm_|eyJ|https:\/\/hooks\.slack\.com\/services\/)/;

/** A digit-by-digit mask that keeps separators and the last `keep` digits. */
function maskDigits(value: string, keep: number): string {
  let seen = 0;
  const total = value.replace(/\D/g, "").length;
  return value.replace(/\d/g, (d) => (++seen > total - keep ? d : "*"));
}

/**
 * What the owner sees of a value: enough to recognise it, never enough to use it. Each
 * mask hides all but a prefix that is public anyway (a key's kind, a country code) and a
 * short tail.
 */
export function maskValue(kind: PrivacyKind, value: string): string {
  switch (kind) {
    case "email": {
      const [local = "", domain = ""] = value.split("@");
      const dot = domain.lastIndexOf(".");
      return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***${domain.slice(dot)}`;
    }
    case "phone":
      return maskDigits(value, 2);
    case "card":
      return maskDigits(value, 4);
    case "iban": {
      let seen = 0;
      const total = value.replace(/ /g, "").length;
      return value.replace(/[A-Z0-9]/g, (c) => {
        seen++;
        return seen <= 2 || seen > total - 4 ? c : "*";
      });
    }
    case "api_key": {
      const pem = value.match(/^-----BEGIN [A-Z0-9 ]+-----/);
      if (pem) return `${pem[0]} …`;
      const prefix = value.match(KEY_PREFIX)?.[0] ?? "";
      return `${prefix}…${value.slice(-4)}`;
    }
    case "token":
      return `${value.slice(0, 3)}…${value.slice(-4)}`;
  }
}

const CONTEXT = 24;

/**
 * The masked value with a little text around it, every other finding in that text masked
 * too (a key next to an email must not show through the email's context).
 */
export function excerptOf(text: string, hit: Hit, all: Hit[]): string {
  let from = Math.max(0, hit.start - CONTEXT);
  let to = Math.min(text.length, hit.end + CONTEXT);
  const near = all.filter((h) => h.end > from && h.start < to).sort((a, b) => a.start - b.start);
  for (const h of near) {
    from = Math.min(from, h.start);
    to = Math.max(to, h.end);
  }
  let out = "";
  let at = from;
  for (const h of near) {
    out += text.slice(at, h.start) + maskValue(h.kind, text.slice(h.start, h.end));
    at = h.end;
  }
  out += text.slice(at, to);
  const line = out.replace(/\s+/g, " ").trim();
  return `${from > 0 ? "…" : ""}${line}${to < text.length ? "…" : ""}`;
}
