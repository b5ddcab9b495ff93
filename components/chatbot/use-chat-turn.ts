import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, chatsApi, newId } from "@/lib/client/chats-api";
import type { ChatDetailOut, ChatOut } from "@/lib/validation/chat";
import { useChats } from "./chats-provider";
import type { UiMessage } from "./message-item";
import { type ReplyRequest, streamReply } from "./reply-stream";

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

export type ChatTurn = {
  /** Null until the first send creates the chat. */
  chatId: string | null;
  messages: UiMessage[];
  busy: boolean;
  /** Why the last message was not sent (a limit, say), shown at the composer that holds it. */
  refusal: string | null;
  /** Resolves false when the message was not accepted, so the composer gives it back. */
  send: (text: string) => Promise<boolean>;
  retry: (failed: UiMessage) => Promise<void>;
  /** Ends the streaming reply; what arrived of it stays. */
  stop: () => void;
};

/**
 * One conversation's turns. A new chat (`initialChat` null) is created on the first send;
 * the URL then becomes the chat's own with history.replaceState, which keeps the view,
 * and its stream, alive.
 */
export function useChatTurn(initialChat: ChatDetailOut | null): ChatTurn {
  const { upsert } = useChats();
  const [chatId, setChatId] = useState(initialChat?.id ?? null);
  const [messages, setMessages] = useState(() => toUi(initialChat));
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  // The open chat may be older than the sidebar's first page: make it known to the list.
  useEffect(() => {
    if (initialChat) upsert(summary(initialChat));
  }, [initialChat, upsert]);

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

  const stop = useCallback(() => abort.current?.abort(), []);

  return { chatId, messages, busy, refusal, send, retry, stop };
}
