import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, chatsApi, newId } from "@/lib/client/chats-api";
import { Retrier, type Wait } from "@/lib/client/retry";
import type { ChatDetailOut } from "@/lib/validation/chat";
import { useChats } from "./chats-provider";
import type { UiMessage } from "./message-item";
import { openReply, type ReplyRequest, readReply } from "./reply-stream";
import { earlierThan, INTERRUPTED, pendingReply, summary, toUi } from "./turn-messages";
import { chatAfterTurn, trackTurn, turnInFlight } from "./turns-in-flight";
import { messageOf } from "./use-optimistic-chats";

/** A request the server has not taken yet, sent again until it does; shown at `messageId`. */
export type PendingSend = Wait & { messageId: string };

/** What became of a turn: taken by the server, refused by it, or stopped before either. */
type Outcome = "sent" | "refused" | "unsent";

/** One turn's handles: Stop aborts `signal`, "Retry now" wakes `retrier`. */
type Turn = { signal: AbortSignal; retrier: Retrier };

export type ChatTurn = {
  /** Null until the first send creates the chat. */
  chatId: string | null;
  messages: UiMessage[];
  busy: boolean;
  /** Why the last message was not sent (a limit, say), shown at the composer that holds it. */
  refusal: string | null;
  pending: PendingSend | null;
  /** Resolves false when the message was not accepted, so the composer gives it back. */
  send: (text: string) => Promise<boolean>;
  retry: (failed: UiMessage) => Promise<void>;
  /** A new reply in place of the last one (stored like Retry: `retry_of` names it). */
  regenerate: () => Promise<void>;
  /**
   * A user message's new text as a new turn in place of it and everything after it
   * (`edit_of` names it). Resolves false when the server did not take it: all is as before.
   */
  edit: (edited: UiMessage, text: string) => Promise<boolean>;
  /** Whether the messages before the first one shown have been fetched. */
  earlierLoaded: boolean;
  /** Ends the streaming reply (what arrived of it stays), or the wait to send. */
  stop: () => void;
  /** Sends the pending request at once instead of after its wait. */
  retryNow: () => void;
  /** Fetches the messages before the first one shown (a page sends only the latest). */
  loadEarlier: () => Promise<void>;
};

/**
 * One conversation's turns. A new chat (`initialChat` null) is created on the first send;
 * the URL then becomes the chat's own with history.replaceState, which keeps the view,
 * and its stream, alive. Creating the chat and sending the turn are retried while the
 * server cannot be reached (lib/client/retry.ts), always with the same ids. `earlier`:
 * how many messages come before `initialChat`'s, which the page did not carry.
 */
export function useChatTurn(initialChat: ChatDetailOut | null, earlier = 0): ChatTurn {
  const { upsert } = useChats();
  const [chatId, setChatId] = useState(initialChat?.id ?? null);
  const [messages, setMessages] = useState(() =>
    toUi(initialChat, Boolean(initialChat && turnInFlight(initialChat.id))),
  );
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingSend | null>(null);
  const [earlierLoaded, setEarlierLoaded] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const retrier = useRef<Retrier | null>(null);
  // A message stopped before the server took it, kept with its id (see send).
  const unsent = useRef<{ text: string; id: string } | null>(null);
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // The open chat may be older than the sidebar's first page: make it known to the list.
  useEffect(() => {
    if (initialChat) upsert(summary(initialChat));
  }, [initialChat, upsert]);

  // Reopened while a turn of this tab still runs: show the chat as stored once it is over.
  useEffect(() => {
    const running = initialChat && turnInFlight(initialChat.id);
    if (!running) return;
    let live = true;
    chatAfterTurn(initialChat.id, running)
      .catch(() => initialChat) // unreachable: as it was, with Retry should it be unanswered
      .then((chat) => live && setMessages(toUi(chat, false)));
    return () => {
      live = false;
    };
  }, [initialChat]);

  // Closing the page would drop a message still waiting to be sent: ask first.
  useEffect(() => {
    if (!pending) return;
    const keep = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = true; // browsers from before preventDefault() was enough
    };
    window.addEventListener("beforeunload", keep);
    return () => window.removeEventListener("beforeunload", keep);
  }, [pending]);

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

  /** Starts a turn whose waits show at `messageId`. */
  const begin = useCallback((messageId: string): Turn => {
    const controller = new AbortController();
    abort.current = controller;
    retrier.current = new Retrier(controller.signal, (wait) =>
      setPending(wait && { ...wait, messageId }),
    );
    return { signal: controller.signal, retrier: retrier.current };
  }, []);

  const end = useCallback(() => {
    abort.current = null;
    retrier.current = null;
    setBusy(false);
  }, []);

  /** The chat's id, creating the chat on a new chat's first send. */
  const ensureChat = useCallback(
    async ({ retrier }: Turn): Promise<string> => {
      if (chatId) return chatId;
      let id = newId();
      const created = await retrier.run(() =>
        chatsApi.create(id).catch((error: unknown) => {
          // The id is someone else's: a visitor whose first create lost its answer (and
          // so its new guest cookie) is a new guest on the retry. A fresh id is right.
          if (!(error instanceof ApiError && error.status === 409)) throw error;
          id = newId();
          return chatsApi.create(id);
        }),
      );
      upsert(summary(created));
      setChatId(created.id);
      // Only while on screen: the person may have moved on to another chat meanwhile.
      if (mounted.current) window.history.replaceState(null, "", `/chatbot/c/${created.id}`);
      return created.id;
    },
    [chatId, upsert],
  );

  /** Sends one turn and streams its reply into `body.assistant_id`. */
  const runTurn = useCallback(
    async (body: ReplyRequest, isFirst: boolean, { signal, retrier }: Turn): Promise<Outcome> => {
      const untrack = trackTurn(body.chat_id);
      let sent = false;
      let started = false;
      try {
        const response = await retrier.run(() => openReply(body, signal));
        sent = true;
        await readReply(response, {
          onDelta: (delta) => {
            if (!started && isFirst) refreshChat(body.chat_id); // the server has titled it
            started = true;
            update(body.assistant_id, (m) => ({ content: m.content + delta }));
          },
          onError: (message) =>
            update(body.assistant_id, () => ({ content: message, isError: true })),
        });
        return "sent";
      } catch (error) {
        // Stop: a partial reply stays, as the server stores it.
        if (signal.aborted) return sent ? "sent" : "unsent";
        if (!sent) {
          const what = body.message ? "Your message was not sent." : "No new reply.";
          setRefusal(`${what} ${messageOf(error)}`);
          return "refused";
        }
        // Broke off (connection lost, server killed): retryable, never "thinking" forever.
        update(body.assistant_id, () => ({
          content: INTERRUPTED,
          isError: true,
          interrupted: true,
        }));
        return "sent";
      } finally {
        untrack();
        setMessages((list) =>
          list.flatMap((m) => {
            if (m.id !== body.assistant_id) return [m];
            if (m.isError || m.content.trim()) return [{ ...m, streaming: false }];
            // Stopped before its first word: not stored, so not shown. Without a new
            // message (Retry, Regenerate) the reply it replaces is gone too, and the chat
            // waits for a reply: shown as a reload would show it, with Retry.
            if (body.message) return [];
            return [
              { ...m, streaming: false, content: INTERRUPTED, isError: true, interrupted: true },
            ];
          }),
        );
        refreshChat(body.chat_id);
      }
    },
    [refreshChat, update],
  );

  const send = useCallback(
    async (text: string): Promise<boolean> => {
      if (busy) return false;
      setBusy(true);
      setRefusal(null);
      // The same text sent again after Stop keeps its id: should an attempt before Stop
      // have reached the server after all, the message is still stored once.
      const id = unsent.current?.text === text ? unsent.current.id : newId();
      unsent.current = null;
      const user: UiMessage = { id, role: "user", content: text, isError: false };
      const reply = pendingReply();
      const isFirst = messages.length === 0;
      setMessages((list) => [...list, user, reply]);
      const turn = begin(user.id);
      let outcome: Outcome;
      try {
        const chat = await ensureChat(turn);
        outcome = await runTurn(
          { chat_id: chat, assistant_id: reply.id, message: { id: user.id, content: text } },
          isFirst,
          turn,
        );
      } catch (error) {
        // The chat could not be created.
        outcome = turn.signal.aborted ? "unsent" : "refused";
        if (outcome === "refused") {
          setRefusal(
            `Your message was not sent. ${error instanceof ApiError ? error.message : "Could not start a chat."}`,
          );
        }
      } finally {
        end();
      }
      if (outcome === "unsent") unsent.current = { text, id: user.id };
      // Not taken: out of the conversation, and the composer gets it back.
      if (outcome !== "sent")
        setMessages((list) => list.filter((m) => m.id !== user.id && m.id !== reply.id));
      return outcome === "sent";
    },
    [busy, messages.length, begin, end, ensureChat, runTurn],
  );

  const retry = useCallback(
    async (failed: UiMessage) => {
      if (!chatId || busy) return;
      setBusy(true);
      setRefusal(null);
      const reply = pendingReply();
      setMessages((list) => list.map((m) => (m.id === failed.id ? reply : m)));
      const turn = begin(reply.id);
      try {
        // A reply that broke off may have been stored all the same (the server went on
        // after the connection dropped): show that rather than ask for another.
        if (failed.interrupted) {
          const stored = await chatsApi.get(chatId).catch(() => null);
          if (stored && stored.messages.at(-1)?.message_type !== "user") {
            setMessages(toUi(stored, false));
            return;
          }
        }
        // An interrupted reply is not stored (or is the one just checked): nothing to replace.
        const outcome = await runTurn(
          {
            chat_id: chatId,
            assistant_id: reply.id,
            ...(failed.interrupted ? {} : { retry_of: failed.id }),
          },
          false,
          turn,
        );
        if (outcome !== "sent")
          setMessages((list) => list.map((m) => (m.id === reply.id ? failed : m)));
      } finally {
        end();
      }
    },
    [busy, chatId, begin, end, runTurn],
  );

  const regenerate = useCallback(async () => {
    const reply = messages.at(-1);
    if (reply?.role === "assistant" && !reply.streaming) await retry(reply);
  }, [messages, retry]);

  const edit = useCallback(
    async (edited: UiMessage, text: string): Promise<boolean> => {
      const at = messages.findIndex((m) => m.id === edited.id);
      if (!chatId || busy || at < 0) return false;
      setBusy(true);
      setRefusal(null);
      const user: UiMessage = { id: newId(), role: "user", content: text, isError: false };
      const reply = pendingReply();
      // From the list as it is by then: earlier messages may have arrived in front of it
      // since this render (useEarlierMessages loads them as the editor opens).
      let replaced: UiMessage[] = [];
      setMessages((list) => {
        const from = list.findIndex((m) => m.id === edited.id);
        if (from < 0) return list;
        replaced = list.slice(from);
        return [...list.slice(0, from), user, reply];
      });
      const turn = begin(user.id);
      let outcome: Outcome;
      try {
        outcome = await runTurn(
          {
            chat_id: chatId,
            assistant_id: reply.id,
            message: { id: user.id, content: text },
            edit_of: edited.id,
          },
          false,
          turn,
        );
      } finally {
        end();
      }
      // Not taken (refused, or stopped before the server had it): nothing was replaced.
      if (outcome !== "sent") {
        setMessages((list) => [
          ...list.filter((m) => m.id !== user.id && m.id !== reply.id),
          ...replaced,
        ]);
      }
      return outcome === "sent";
    },
    [busy, chatId, messages, begin, end, runTurn],
  );

  const stop = useCallback(() => abort.current?.abort(), []);
  const retryNow = useCallback(() => retrier.current?.now(), []);

  const loadEarlier = useCallback(async () => {
    if (!chatId) return;
    const stored = await chatsApi.get(chatId);
    setMessages((shown) => [...earlierThan(shown[0]?.id, stored.messages, earlier), ...shown]);
    setEarlierLoaded(true);
  }, [chatId, earlier]);

  return {
    chatId,
    messages,
    busy,
    refusal,
    pending,
    send,
    retry,
    regenerate,
    edit,
    earlierLoaded,
    stop,
    retryNow,
    loadEarlier,
  };
}
