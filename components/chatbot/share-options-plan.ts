import { shareHasExpired } from "@/lib/chats/serialize";
import type { ShareChatIn } from "@/lib/client/chats-api";
import type { ChatOut, RedactIn, ShareMode } from "@/lib/validation/chat";
import type { PrivacyFindingOut } from "@/lib/validation/privacy";

// The Share options dialog as data: what its form starts from, and which API calls turn
// the owner's choices into what is public. Pure, so that it is tested without a browser.

/** The chat as the dialog reads it. */
export type ShareChat = ChatOut;

/** A finding of the privacy check, and whether the chat's snapshot hides it already. */
export type Finding = PrivacyFindingOut;

export const EXPIRY_CHOICES = [
  { value: "never", label: "Never", seconds: null },
  { value: "3600", label: "1 hour", seconds: 3600 },
  { value: "86400", label: "1 day", seconds: 86_400 },
  { value: "604800", label: "7 days", seconds: 604_800 },
  { value: "2592000", label: "30 days", seconds: 2_592_000 },
] as const;

/** "keep": the expiry the shared link has now (only offered while one is ahead). */
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]["value"] | "keep";

export type ShareForm = {
  mode: ShareMode;
  expiry: ExpiryChoice;
  /** For a chat shared before and not now: bring the old link back, or a new one. */
  link: "revive" | "new";
  discoverable: boolean;
  /** Keys (findingKey) of the findings to hide in a snapshot. */
  hidden: ReadonlySet<string>;
};

export const findingKey = (f: Pick<Finding, "message_id" | "start" | "end">) =>
  `${f.message_id ?? "title"}:${f.start}:${f.end}`;

export function hasExpired(chat: Pick<ChatOut, "share_expires_at">, now = Date.now()): boolean {
  return shareHasExpired(chat.share_expires_at, now);
}

/** Whether a public link is live right now: shared, and not past its expiry. */
export function isPublic(chat: ShareChat, now = Date.now()): boolean {
  return chat.is_shared && !hasExpired(chat, now);
}

/** Shared before, private now: sharing again may revive that link or issue another. */
export function wasSharedBefore(chat: ShareChat): boolean {
  return !chat.is_shared && Boolean(chat.shared_at);
}

/** The findings the chat's snapshot hides now: the form's starting ticks. */
export function hiddenNow(findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter((f) => f.redacted).map(findingKey));
}

export function initialForm(
  chat: ShareChat,
  findings: readonly Finding[],
  now = Date.now(),
): ShareForm {
  const expiring = chat.is_shared && chat.share_expires_at !== null && !hasExpired(chat, now);
  return {
    mode: chat.share_mode,
    expiry: expiring ? "keep" : "never",
    // Someone may have kept the old link; a new one reaches only whom the owner tells.
    link: "new",
    discoverable: chat.is_discoverable,
    hidden: hiddenNow(findings),
  };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((key) => b.has(key));
}

/**
 * What POST share/ is sent to hide: "all" when every finding is ticked (a later Update
 * snapshot then hides new ones too), else the ticked findings themselves.
 */
export function redactionOf(findings: readonly Finding[], hidden: ReadonlySet<string>): RedactIn {
  const ticked = findings.filter((f) => hidden.has(findingKey(f)));
  if (ticked.length > 0 && ticked.length === findings.length) return "all";
  return ticked.map(({ message_id, start, end }) => ({ message_id, start, end }));
}

export type SharePlan = {
  /** The body of POST share/, when sharing or its options change. */
  share?: ShareChatIn;
  /** PATCH is_discoverable, when it changes. */
  discoverable?: boolean;
};

/**
 * The calls that make the chat public as the form says, for Share (a chat not public
 * now) or Save changes (a shared one): each field only when it changes. Nothing: {}.
 */
export function planChanges(
  chat: ShareChat,
  form: ShareForm,
  findings: readonly Finding[],
  canPublish: boolean,
  now = Date.now(),
): SharePlan {
  const plan: SharePlan = {};
  if (canPublish && form.discoverable !== chat.is_discoverable) {
    plan.discoverable = form.discoverable;
  }
  const body: NonNullable<SharePlan["share"]> = { is_shared: true };
  const choice = EXPIRY_CHOICES.find((c) => c.value === form.expiry);
  const current = initialForm(chat, findings, now);
  // An expired link is shared again by choosing how long it lasts now.
  if (choice && (!isPublic(chat, now) || form.expiry !== current.expiry)) {
    body.expires_in = choice.seconds;
  }
  if (wasSharedBefore(chat) && form.link === "new") body.new_link = true;
  const wasMode = chat.share_mode;
  if (form.mode === "snapshot") {
    // A snapshot is taken anew whenever one is asked for: what the dialog lists is what
    // the copy holds. Otherwise a shared snapshot stays as it is.
    if (!chat.is_shared || wasMode !== "snapshot" || !sameSet(form.hidden, current.hidden)) {
      body.mode = "snapshot";
      body.redact = redactionOf(findings, form.hidden);
    }
  } else if (wasMode !== "live") {
    body.mode = "live";
  }
  if (!chat.is_shared || Object.keys(body).length > 1) plan.share = body;
  return plan;
}

export const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function expiryLabel(chat: ShareChat, now = Date.now()): string {
  if (chat.share_expires_at === null) return "Never expires";
  if (hasExpired(chat, now)) return "Expired";
  return `Expires ${dateTime.format(new Date(chat.share_expires_at))}`;
}
