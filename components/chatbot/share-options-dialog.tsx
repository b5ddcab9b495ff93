"use client";

import { Camera, RefreshCw, X } from "lucide-react";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { copyText } from "@/components/markdown/copy-text";
import { primaryButton, secondaryButton } from "@/components/ui/button-classes";
import { ApiError, chatsApi } from "@/lib/client/chats-api";
import type { ChatOut } from "@/lib/validation/chat";
import { ConfirmDialog } from "./confirm-dialog";
import { type CheckState, ShareFindings } from "./share-options-findings";
import { ShareFormFields } from "./share-options-form";
import {
  hiddenNow,
  initialForm,
  isPublic,
  planChanges,
  redactionOf,
  type ShareChat,
  type ShareForm,
  wasSharedBefore,
} from "./share-options-plan";
import { ShareStatus } from "./share-options-status";

/** The refusal's own words: the field's message for a validation error, else the error's. */
function reasonOf(error: unknown): string {
  if (error instanceof ApiError) return error.issues?.[0]?.message ?? error.message;
  return "Something went wrong. Please try again.";
}

/**
 * "Share options": what of the chat is public now, and every choice about it (sharing,
 * live or snapshot, expiry, search engines, a new link, details hidden in a snapshot).
 * The choices apply together with Share or Save changes, so nothing goes public half
 * set; Stop sharing, Issue a new link and Update snapshot act at once. Each answer
 * updates the sidebar's copy of the chat through `onChanged`; a refusal stays in the
 * dialog (role=alert) until the next action.
 */
export function ShareOptionsDialog({
  chat,
  canPublish,
  onChanged,
  onClose,
}: {
  chat: ShareChat;
  canPublish: boolean;
  onChanged: (id: string, change: Partial<ChatOut>) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const submit = useRef<HTMLButtonElement>(null);
  const running = useRef(false);
  const titleId = useId();
  const [check, setCheck] = useState<CheckState>({ kind: "checking" });
  const [form, setForm] = useState<ShareForm>(() => initialForm(chat, []));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [confirmingRotate, setConfirmingRotate] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const findings = check.kind === "done" ? check.findings : [];

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  // An expiry passing while the dialog is open shows as it happens.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  const runCheck = useCallback(async () => {
    setCheck({ kind: "checking" });
    try {
      const answer = await chatsApi.checkShare(chat.id);
      setCheck({ kind: "done", findings: answer.findings });
      // The boxes start as the chat's snapshot has them.
      setForm((f) => ({ ...f, hidden: hiddenNow(answer.findings) }));
    } catch (failure) {
      setCheck({ kind: "failed", message: reasonOf(failure) });
    }
  }, [chat.id]);

  useEffect(() => {
    void runCheck();
  }, [runCheck]);

  /** Runs one action: its refusal is shown, its success said, the form set anew. */
  async function act(name: string, action: () => Promise<ShareChat | null>) {
    // A second click before the first one's answer would send it twice.
    if (running.current) return;
    running.current = true;
    setBusy(name);
    setError("");
    setNotice("");
    try {
      const next = await action();
      if (next) setForm(initialForm(next, findings));
      setNow(Date.now());
    } catch (failure) {
      // The chat changed since the check (a reply came in, a rename): the list is asked
      // for again, which sets the boxes anew, so the person has to choose again.
      if (failure instanceof ApiError && failure.issues?.some((i) => i.path.startsWith("redact"))) {
        setError(`${failure.message} The check has run again: choose what to hide once more.`);
        void runCheck();
      } else setError(reasonOf(failure));
    } finally {
      running.current = false;
      setBusy(null);
    }
  }

  // The button pressed may be gone (Stop sharing) or was disabled while it ran: the focus
  // stays in the dialog, on its main button, rather than falling to the page.
  useEffect(() => {
    if (busy !== null) return;
    const focused = document.activeElement;
    if (dialog.current?.open && !dialog.current.contains(focused)) submit.current?.focus();
  }, [busy]);

  /** The chat with an answer applied, here and in the sidebar's copy. */
  function changed(change: Partial<ChatOut>, base: ShareChat = chat): ShareChat {
    onChanged(chat.id, change);
    return { ...base, ...change };
  }

  function save(event: FormEvent) {
    event.preventDefault();
    const wasPublic = isPublic(chat, now);
    const plan = planChanges(chat, form, findings, canPublish, now);
    void act("save", async () => {
      let next: ShareChat = chat;
      // Out of search engines before anything else changes; into them only once shared.
      if (plan.discoverable === false) {
        next = changed(await chatsApi.setDiscoverable(chat.id, false), next);
      }
      if (plan.share) next = changed(await chatsApi.share(chat.id, plan.share), next);
      if (plan.discoverable === true) {
        next = changed(await chatsApi.setDiscoverable(chat.id, true), next);
      }
      if (!wasPublic && next.share_url) {
        setNotice(
          (await copyText(next.share_url))
            ? "Shared. Link copied to the clipboard."
            : "Shared. Copy the link above to send it.",
        );
      } else {
        setNotice(plan.share || plan.discoverable !== undefined ? "Changes saved." : "No changes.");
      }
      // A snapshot taken, or dropped: which findings it hides has changed.
      if (plan.share?.mode) void runCheck();
      return next;
    });
  }

  function stopSharing() {
    void act("stop", async () => {
      const next = changed(await chatsApi.setShared(chat.id, false));
      setNotice("Sharing stopped: the link no longer works.");
      return next;
    });
  }

  function rotate() {
    setConfirmingRotate(false);
    void act("rotate", async () => {
      const next = changed(await chatsApi.rotate(chat.id));
      setNotice("New link issued: the old one no longer works. Copy the new link to share it.");
      return next;
    });
  }

  function updateSnapshot() {
    const dirty = check.kind === "done" && !sameKeys(form.hidden, hiddenNow(findings));
    void act("update", async () => {
      const body = dirty ? { redact: redactionOf(findings, form.hidden) } : {};
      const next = changed(await chatsApi.updateSnapshot(chat.id, body));
      setNotice(
        isPublic(next)
          ? "Snapshot updated: the link shows the chat as it is now."
          : "Snapshot updated: shared again, the link will show the chat as it is now.",
      );
      void runCheck();
      return next;
    });
  }

  const shared = isPublic(chat, now);
  const snapshotNow = chat.share_mode === "snapshot";
  return (
    <>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={(event) => event.target === event.currentTarget && onClose()}
        className="m-auto max-h-[calc(100dvh-1.5rem)] scroll-pb-36 w-[min(34rem,calc(100vw-1.5rem))] overflow-y-auto rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <div className="flex items-start justify-between gap-3 px-5 pt-5">
          <div className="min-w-0">
            <h2 id={titleId} className="text-lg font-semibold">
              Share options
            </h2>
            <p className="truncate text-sm text-zinc-600 dark:text-zinc-400" title={chat.title}>
              {chat.title}
            </p>
          </div>
          <button
            type="button"
            aria-label="Close"
            title="Close"
            onClick={() => dialog.current?.close()}
            className="inline-flex size-8 shrink-0 items-center justify-center rounded-md hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-800"
          >
            <X aria-hidden size={18} />
          </button>
        </div>
        <form onSubmit={save} className="flex flex-col gap-5 px-5 pt-4">
          <ShareStatus
            chat={chat}
            now={now}
            onCopy={async (url) =>
              setNotice(
                (await copyText(url))
                  ? "Link copied to the clipboard."
                  : `Could not copy the link: ${url}`,
              )
            }
          />
          <ShareFormFields
            chat={chat}
            form={form}
            canPublish={canPublish}
            revivable={wasSharedBefore(chat)}
            onChange={(change) => setForm((f) => ({ ...f, ...change }))}
          >
            <ShareFindings
              check={check}
              snapshot={form.mode === "snapshot"}
              hidden={form.hidden}
              onRecheck={() => void runCheck()}
              onToggle={(key, hide) =>
                setForm((f) => {
                  const hidden = new Set(f.hidden);
                  if (hide) hidden.add(key);
                  else hidden.delete(key);
                  return { ...f, hidden };
                })
              }
            />
          </ShareFormFields>
          <div className="sticky bottom-0 -mx-5 border-t border-zinc-200 bg-white px-5 py-3 dark:border-zinc-700 dark:bg-zinc-900">
            {error ? (
              <p role="alert" className="mb-2 text-sm text-red-700 dark:text-red-400">
                {error}
              </p>
            ) : null}
            <p role="status" className="mb-2 text-sm text-zinc-700 empty:hidden dark:text-zinc-300">
              {notice}
            </p>
            <div className="flex flex-wrap items-center justify-end gap-2">
              {snapshotNow ? (
                <button
                  type="button"
                  className={`${secondaryButton} gap-1.5`}
                  disabled={busy !== null}
                  onClick={updateSnapshot}
                >
                  <Camera aria-hidden size={16} />
                  Update snapshot
                </button>
              ) : null}
              {chat.is_shared ? (
                <>
                  <button
                    type="button"
                    className={`${secondaryButton} gap-1.5`}
                    disabled={busy !== null}
                    onClick={() => setConfirmingRotate(true)}
                  >
                    <RefreshCw aria-hidden size={16} />
                    Issue a new link
                  </button>
                  <button
                    type="button"
                    className={secondaryButton}
                    disabled={busy !== null}
                    onClick={stopSharing}
                  >
                    Stop sharing
                  </button>
                </>
              ) : null}
              <button ref={submit} type="submit" className={primaryButton} disabled={busy !== null}>
                {busy === "save" ? "Saving…" : shared ? "Save changes" : "Share chat"}
              </button>
            </div>
          </div>
        </form>
      </dialog>
      <ConfirmDialog
        open={confirmingRotate}
        title="Issue a new link?"
        body="The current link stops working at once: anyone who has it will find nothing there. The chat stays shared under a new link, for the people you give it to."
        confirmLabel="Issue new link"
        onClose={() => setConfirmingRotate(false)}
        onConfirm={rotate}
      />
    </>
  );
}

function sameKeys(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((key) => b.has(key));
}
