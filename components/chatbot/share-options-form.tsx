"use client";

import { type ReactNode, useId } from "react";
import {
  dateTime,
  EXPIRY_CHOICES,
  type ExpiryChoice,
  isPublic,
  type ShareChat,
  type ShareForm,
} from "./share-options-plan";

const legendClass = "text-sm font-semibold";
const hintClass = "text-sm text-zinc-600 dark:text-zinc-400";

function Choice({
  name,
  checked,
  label,
  hint,
  onSelect,
}: {
  name: string;
  checked: boolean;
  label: string;
  hint: ReactNode;
  onSelect: () => void;
}) {
  const hintId = useId();
  return (
    <label className="flex cursor-pointer items-start gap-2.5 rounded-lg border border-zinc-200 px-3 py-2 has-checked:border-zinc-900 has-checked:bg-zinc-50 dark:border-zinc-700 dark:has-checked:border-zinc-100 dark:has-checked:bg-zinc-950">
      <input
        type="radio"
        name={name}
        checked={checked}
        onChange={onSelect}
        aria-describedby={hintId}
        className="mt-0.5 size-4 shrink-0 accent-zinc-900 dark:accent-zinc-100"
      />
      <span className="text-sm">
        <span className="font-medium">{label}</span>
        <span id={hintId} className={`block ${hintClass}`}>
          {hint}
        </span>
      </span>
    </label>
  );
}

/** The choices the owner sets: which link, what it shows, how long, and search engines. */
export function ShareFormFields({
  chat,
  form,
  canPublish,
  revivable,
  onChange,
  children,
}: {
  chat: ShareChat;
  form: ShareForm;
  canPublish: boolean;
  /** Shared before, not now: the old link may come back, or a new one be issued. */
  revivable: boolean;
  onChange: (change: Partial<ShareForm>) => void;
  /** Under the mode: what a snapshot may hide. */
  children: ReactNode;
}) {
  const names = useId();
  const expiryId = useId();
  const expiryHintId = useId();
  const discoverableHintId = useId();
  const keeping =
    chat.is_shared && chat.share_expires_at !== null && isPublic(chat)
      ? `Keep: ${dateTime.format(new Date(chat.share_expires_at))}`
      : null;
  return (
    <>
      {revivable ? (
        <fieldset className="space-y-2">
          <legend className={legendClass}>Link</legend>
          <Choice
            name={`${names}-link`}
            checked={form.link === "new"}
            label="Issue a new link"
            hint="The old link stays dead: only the people you give the new one to can read the chat."
            onSelect={() => onChange({ link: "new" })}
          />
          <Choice
            name={`${names}-link`}
            checked={form.link === "revive"}
            label="Revive the old link"
            hint="Anyone who kept the old link can read the chat again."
            onSelect={() => onChange({ link: "revive" })}
          />
        </fieldset>
      ) : null}
      <fieldset className="space-y-2">
        <legend className={legendClass}>What the link shows</legend>
        <Choice
          name={`${names}-mode`}
          checked={form.mode === "live"}
          label="Live"
          hint="Shows the chat as it is now, including new messages."
          onSelect={() => onChange({ mode: "live" })}
        />
        <Choice
          name={`${names}-mode`}
          checked={form.mode === "snapshot"}
          label="Snapshot"
          hint="A copy frozen now: later messages and renames stay private."
          onSelect={() => onChange({ mode: "snapshot" })}
        />
      </fieldset>
      {children}
      <div className="flex flex-col gap-1">
        <label htmlFor={expiryId} className={legendClass}>
          Expiry
        </label>
        <select
          id={expiryId}
          value={form.expiry}
          aria-describedby={expiryHintId}
          onChange={(event) => onChange({ expiry: event.target.value as ExpiryChoice })}
          className="rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          {keeping ? <option value="keep">{keeping}</option> : null}
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        <p id={expiryHintId} className={hintClass}>
          Counted from when you save. Past it the link stops working; you can extend it or remove
          the expiry here at any time.
        </p>
      </div>
      <div>
        <label
          className={`inline-flex items-center gap-2 text-sm font-semibold ${canPublish ? "cursor-pointer" : "text-zinc-500"}`}
        >
          <input
            type="checkbox"
            checked={canPublish && form.discoverable}
            disabled={!canPublish}
            aria-describedby={discoverableHintId}
            onChange={(event) => onChange({ discoverable: event.target.checked })}
            className="size-4 accent-zinc-900 dark:accent-zinc-100"
          />
          Discoverable
        </label>
        <p id={discoverableHintId} className={`${hintClass} mt-0.5 pl-6`}>
          {canPublish
            ? "Let search engines index the shared page and list it in the sitemap. Off: the page asks them not to."
            : "Only accounts can let search engines index a shared chat: sign up or sign in to choose this. Until then the page asks them not to."}
        </p>
      </div>
    </>
  );
}
