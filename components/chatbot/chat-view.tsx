"use client";

import Link from "next/link";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { ApiError, chatsApi, newId } from "@/lib/client/chats-api";
import type { ChatDetailOut, ChatOut } from "@/lib/validation/chat";
import { useChats } from "./chats-provider";
import { Composer } from "./composer";
import { MessageItem, type UiMessage } from "./message-item";
import { type ReplyRequest, streamReply } from "./reply-stream";

const SUGGESTIONS = [
  "I want to learn to play guitar. Where do I start?",
  "Make me a 4-week plan to learn Python basics",
  "How can I get better at public speaking?",
];

function toUi(chat: ChatDetailOut | null): UiMessage[] {
  return (chat?.messages ?? []).map((m) => ({
    id: m.id,
    role: m.message_type,
    content: m.content,
    isError: m.is_error,
  }));
}

function summary({ messages: _messages, ...chat }: ChatDetailOut): ChatOut {
  return chat;
}

/** The empty assistant message a reply streams into. */
function pendingReply(): UiMessage {
  return { id: newId(), role: "assistant", content: "", isError: false, streaming: true };
}

/**
 * One conversation: its messages, the composer, and the streaming turn. A new chat
 * (`initialChat` null) is created on the first send; the URL then becomes the chat's
 * own with history.replaceState, which keeps this component, and its stream, alive.
 */
export function ChatView({
  initialChat,
  isGuest,
}: {
  initialChat: ChatDetailOut | null;
  isGuest: boolean;
}) {
  const { upsert } = useChats();
  const [chatId, setChatId] = useState(initialChat?.id ?? null);
  const [messages, setMessages] = useState(() => toUi(initialChat));
  const [busy, setBusy] = useState(false);
  // Why the last message was not sent (a limit, say), shown at the composer that holds it.
  const [refusal, setRefusal] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  // The open chat may be older than the sidebar's first page: make it known to the list.
  useEffect(() => {
    if (initialChat) upsert(summary(initialChat));
  }, [initialChat, upsert]);

  // Follow the reply as it streams, unless the reader scrolled up to read.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each change to the messages, which it reads from the DOM
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [messages]);

  const update = useCallback((id: string, change: (m: UiMessage) => Partial<UiMessage>) => {
    setMessages((list) => list.map((m) => (m.id === id ? { ...m, ...change(m) } : m)));
  }, []);

  const refreshChat = useCallback(
    (id: string) => {
      chatsApi.get(id).then(
        (detail) => upsert(summary(detail)),
        () => {}, // the list catches up on the next load; the conversation itself is fine
      );
    },
    [upsert],
  );

  /** Streams one reply into `body.assistant_id`; false when the server refused the turn. */
  const runTurn = useCallback(
    async (body: ReplyRequest, isFirst: boolean): Promise<boolean> => {
      const controller = new AbortController();
      abort.current = controller;
      pinned.current = true;
      let accepted = true;
      let started = false;
      try {
        await streamReply(body, controller.signal, {
          onDelta: (delta) => {
            if (!started && isFirst) refreshChat(body.chat_id); // the server has titled it
            started = true;
            update(body.assistant_id, (m) => ({ content: m.content + delta }));
          },
          onError: (message) =>
            update(body.assistant_id, () => ({ content: message, isError: true })),
        });
      } catch (error) {
        if (controller.signal.aborted) {
          // Stop: the partial reply stays, as the server stores it.
        } else if (error instanceof ApiError) {
          accepted = false;
          setRefusal(`Your message was not sent. ${error.message}`);
        } else {
          update(body.assistant_id, () => ({
            content: "The connection was lost before the reply finished. Please try again.",
            isError: true,
          }));
        }
      } finally {
        abort.current = null;
        setMessages((list) =>
          list
            .map((m) => (m.id === body.assistant_id ? { ...m, streaming: false } : m))
            // A reply stopped before its first word is not stored; do not show it either.
            .filter((m) => m.id !== body.assistant_id || m.isError || m.content.trim()),
        );
        setBusy(false);
        refreshChat(body.chat_id);
      }
      return accepted;
    },
    [refreshChat, update],
  );

  const send = useCallback(
    async (text: string): Promise<boolean> => {
      if (busy) return false;
      setBusy(true);
      setRefusal(null);
      let id = chatId;
      if (!id) {
        try {
          const created = await chatsApi.create();
          upsert(summary(created));
          id = created.id;
          setChatId(id);
          window.history.replaceState(null, "", `/chatbot/c/${id}`);
        } catch (error) {
          setRefusal(
            `Your message was not sent. ${error instanceof ApiError ? error.message : "Could not start a chat."}`,
          );
          setBusy(false);
          return false;
        }
      }
      const user: UiMessage = { id: newId(), role: "user", content: text, isError: false };
      const reply = pendingReply();
      const isFirst = messages.length === 0;
      setMessages((list) => [...list, user, reply]);
      const accepted = await runTurn(
        { chat_id: id, assistant_id: reply.id, message: { id: user.id, content: text } },
        isFirst,
      );
      // The server refused the message: take it back out, and the composer gets it back.
      if (!accepted)
        setMessages((list) => list.filter((m) => m.id !== user.id && m.id !== reply.id));
      return accepted;
    },
    [busy, chatId, messages.length, runTurn, upsert],
  );

  const retry = useCallback(
    async (failed: UiMessage) => {
      if (!chatId || busy) return;
      setBusy(true);
      setRefusal(null);
      const reply = pendingReply();
      setMessages((list) => list.map((m) => (m.id === failed.id ? reply : m)));
      const accepted = await runTurn(
        { chat_id: chatId, assistant_id: reply.id, retry_of: failed.id },
        false,
      );
      if (!accepted) setMessages((list) => list.map((m) => (m.id === reply.id ? failed : m)));
    },
    [busy, chatId, runTurn],
  );

  const last = messages.at(-1);

  return (
    <div className="flex h-full flex-col">
      <div
        ref={scroller}
        onScroll={(event) => {
          const el = event.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
        className="min-h-0 flex-1 overflow-y-auto"
      >
        <section
          aria-label="Conversation"
          aria-busy={busy || undefined}
          className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6"
        >
          {messages.length === 0 ? (
            <div className="flex flex-col items-center gap-4 py-12 text-center sm:py-20">
              <h2 className="text-2xl font-semibold tracking-tight">What do you want to learn?</h2>
              <p className="max-w-md text-zinc-600 dark:text-zinc-400">
                Tell SkillMate about a skill and where you are starting from. It will help you plan,
                practise and keep going.
              </p>
              <ul className="flex flex-col gap-2 sm:max-w-xl">
                {SUGGESTIONS.map((s) => (
                  <li key={s}>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void send(s)}
                      className="w-full rounded-xl border border-zinc-300 px-4 py-2 text-left text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                    >
                      {s}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            messages.map((m) => (
              <MessageItem
                key={m.id}
                message={m}
                onRetry={m === last && m.isError && !busy ? () => void retry(m) : undefined}
              />
            ))
          )}
        </section>
      </div>
      <div className="mx-auto w-full max-w-3xl px-4 pb-3">
        {refusal ? (
          <p
            role="alert"
            className="mb-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
          >
            {refusal}
          </p>
        ) : null}
        <Composer
          busy={busy}
          fresh={chatId === null}
          onSend={send}
          onStop={() => abort.current?.abort()}
        />
        <p className="mt-2 text-center text-xs text-zinc-600 dark:text-zinc-400">
          {isGuest ? (
            <>
              You are chatting as a guest.{" "}
              <Link href="/sign-up?next=/chatbot" className="font-medium underline">
                Sign up
              </Link>{" "}
              to keep your chats.
            </>
          ) : (
            "SkillMate can make mistakes. Check important details."
          )}
        </p>
      </div>
    </div>
  );
}
