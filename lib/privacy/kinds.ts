export const PRIVACY_KINDS = ["email", "phone", "card", "iban", "api_key", "token"] as const;
export type PrivacyKind = (typeof PRIVACY_KINDS)[number];

/** A detector's hit: where it is in the text, in UTF-16 units as JavaScript counts them. */
export type Hit = { kind: PrivacyKind; start: number; end: number };

/** How the dialog names each kind. */
export const PRIVACY_KIND_LABELS: Record<PrivacyKind, string> = {
  email: "Email address",
  phone: "Phone number",
  card: "Card number",
  iban: "Bank account (IBAN)",
  api_key: "API key",
  token: "Secret-looking token",
};
