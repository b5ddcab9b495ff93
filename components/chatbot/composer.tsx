"use client";

import { ArrowUp, Square } from "lucide-react";
import { type Ref, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from "react";
import { useChats } from "./chats-provider";
import { readDraft, writeDraft } from "./drafts";
import { useNewChatHandoff } from "./new-chat-handoff";
import {
  FOCUS_COMPOSER_KEYS,
  STOP_KEYS,
  useFocusComposerShortcut,
  useStopShortcut,
} from "./shortcuts";
import { useAutoHeight } from "./use-auto-height";

const MAX_HEIGHT = 200;

/** What the view around the composer may do with it. */
export type ComposerHandle = { focus: () => void };

/** The message box: grows with its text, Enter sends, Shift+Enter breaks the line. */
export function Composer({
  ref,
  busy,
  fresh,
  draftKey,
  onSend,
  onStop,
}: {
  ref?: Ref<ComposerHandle>;
  busy: boolean;
  /** The composer of a new chat, with nothing sent yet. */
  fresh: boolean;
  /** Whose unsent text this is (drafts.ts): the chat's id, "new" before it has one. */
  draftKey: string;
  /** Resolves false when the message was not accepted, so its text comes back. */
  onSend: (text: string) => Promise<boolean>;
  onStop: () => void;
}) {
  const [text, setText] = useState("");
  const area = useRef<HTMLTextAreaElement>(null);
  const handoff = useNewChatHandoff();
  const { drawerOpen } = useChats();
  useImperativeHandle(
    ref,
    () => ({ focus: () => area.current?.focus({ preventScroll: true }) }),
    [],
  );

  // Stop, by its button or by Escape from anywhere in the workspace (but not while the
  // chat drawer, whose Escape closes it, or a dialog is open): typing goes on here.
  function stop() {
    onStop();
    area.current?.focus();
  }
  useStopShortcut(busy && !drawerOpen, stop);
  useFocusComposerShortcut(() => area.current?.focus());

  // New chat pressed: focus at once, so typing starts now. The chat being left keeps the
  // draft it had; what is typed before the new page arrives is handed to the new chat's
  // composer (see new-chat-handoff.tsx).
  const handledFocusRequest = useRef(handoff.focusRequest);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when New chat is pressed, not when the chat changes
  useEffect(() => {
    if (handoff.focusRequest === handledFocusRequest.current) return;
    handledFocusRequest.current = handoff.focusRequest;
    area.current?.focus();
    // Already a new chat, nothing will replace this composer; else its text stays behind.
    if (fresh) handoff.take();
    else setText("");
  }, [handoff.focusRequest]);
  // Once, when the composer appears: a new chat takes what was typed on its way, else
  // any chat gets back its unsent text (read here, after hydration: the server has no
  // sessionStorage).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the composer appears
  useLayoutEffect(() => {
    const handing = fresh && handoff.pending();
    const initial = (handing ? handoff.take() : null) || readDraft(draftKey);
    if (initial) setText(initial);
    if (handing) area.current?.focus();
  }, []);
  // Kept as it is typed, except while the chat is being left for a new one: what is typed
  // then is the new chat's, and this chat keeps what it had.
  // biome-ignore lint/correctness/useExhaustiveDependencies: handoff is read, not followed
  useEffect(() => {
    if (!fresh && handoff.pending()) return;
    writeDraft(draftKey, text);
  }, [text, draftKey]);

  useAutoHeight(area, text, MAX_HEIGHT);

  function change(value: string) {
    setText(value);
    if (!fresh && handoff.pending()) handoff.keep(value);
  }

  async function submit() {
    const message = text.trim();
    // The chat on screen is being left for a new one: the text goes there instead.
    if (!message || busy || (!fresh && handoff.pending())) return;
    setText("");
    // Not sent: it comes back, before whatever was typed while it waited.
    if (!(await onSend(message))) {
      setText((current) => (current.trim() ? `${message}\n\n${current}` : message));
    }
    area.current?.focus();
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      className="flex items-end gap-2 rounded-2xl border border-zinc-300 bg-white p-2 shadow-sm focus-within:border-zinc-500 dark:border-zinc-700 dark:bg-zinc-900 dark:focus-within:border-zinc-400"
    >
      <textarea
        ref={area}
        aria-label="Message"
        aria-keyshortcuts={FOCUS_COMPOSER_KEYS}
        placeholder="Message SkillMate…"
        rows={1}
        value={text}
        maxLength={100_000}
        onChange={(event) => change(event.target.value)}
        onKeyDown={(event) => {
          // isComposing: Enter that confirms an IME candidate must not send.
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void submit();
          }
        }}
        className="max-h-[200px] min-h-10 flex-1 resize-none bg-transparent px-2 py-2 text-base leading-6 outline-none placeholder:text-zinc-500 dark:placeholder:text-zinc-400"
      />
      {/* Keyed apart: a Stop that ends the turn at once (a wait to resend) re-renders during
          its own click, and a reused element turned type="submit" would then send. */}
      {busy ? (
        <button
          key="stop"
          type="button"
          aria-label="Stop"
          aria-keyshortcuts={STOP_KEYS}
          title="Stop (Esc)"
          onClick={stop}
          className="inline-flex size-10 shrink-0 items-center justify-center rounded-full bg-zinc-900 text-white hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
        >
          <Square aria-hidden size={14} fill="currentColor" />
        </button>
      ) : (
        <button
          key="send"
          type="submit"
          aria-label="Send"
          title="Send (Enter)"
          disabled={!text.trim()}
          className="inline-flex size-10 shrink-0 items-center justify-center rounded-full bg-zinc-900 text-white hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:bg-zinc-400 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300 dark:disabled:bg-zinc-600"
        >
          <ArrowUp aria-hidden size={18} />
        </button>
      )}
    </form>
  );
}
