"use client";

import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
} from "react";
import { toast } from "sonner";
import { copyText } from "@/components/chat/copy-text";
import { ApiError, chatsApi } from "@/lib/client/chats-api";
import type { ChatOut } from "@/lib/validation/chat";

// The sidebar's list is the client's one copy of the caller's chats: the top bar, the
// rows and the open conversation all read and change it here, so a rename or a share
// shows everywhere at once. Changes are optimistic and roll back with a toast.

type ChatsState = {
  chats: ChatOut[];
  nextCursor: string | null;
  loadingMore: boolean;
  loadMore: () => Promise<void>;
  upsert: (chat: ChatOut) => void;
  rename: (id: string, title: string) => Promise<void>;
  setShared: (id: string, shared: boolean) => Promise<void>;
  setDiscoverable: (id: string, discoverable: boolean) => Promise<void>;
  copyLink: (url: string) => Promise<void>;
  remove: (id: string) => Promise<boolean>;
  drawerOpen: boolean;
  setDrawerOpen: (open: boolean) => void;
};

const ChatsContext = createContext<ChatsState | null>(null);

export function useChats(): ChatsState {
  const state = useContext(ChatsContext);
  if (!state) throw new Error("useChats needs a ChatsProvider");
  return state;
}

const newestFirst = (a: ChatOut, b: ChatOut) =>
  b.updated_at.localeCompare(a.updated_at) || b.id.localeCompare(a.id);

function merge(list: ChatOut[], more: ChatOut[]): ChatOut[] {
  const byId = new Map(list.map((c) => [c.id, c]));
  for (const chat of more) byId.set(chat.id, chat);
  return [...byId.values()].sort(newestFirst);
}

const messageOf = (error: unknown) =>
  error instanceof ApiError ? error.message : "Something went wrong. Please try again.";

export function ChatsProvider({
  initialChats,
  initialCursor,
  children,
}: {
  initialChats: ChatOut[];
  initialCursor: string | null;
  children: ReactNode;
}) {
  const [chats, setChats] = useState(initialChats);
  const [nextCursor, setNextCursor] = useState(initialCursor);
  const [loadingMore, setLoadingMore] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // The latest list for callbacks that roll back, without re-creating them on each change.
  const latest = useRef(chats);
  latest.current = chats;
  const loading = useRef(false);

  const patch = useCallback((id: string, change: Partial<ChatOut>) => {
    setChats((list) => list.map((c) => (c.id === id ? { ...c, ...change } : c)));
  }, []);

  const loadMore = useCallback(async () => {
    if (!nextCursor || loading.current) return;
    loading.current = true;
    setLoadingMore(true);
    try {
      const page = await chatsApi.list(nextCursor);
      setChats((list) => merge(list, page.results));
      setNextCursor(page.next_cursor);
    } catch (error) {
      toast.error(`Could not load more chats. ${messageOf(error)}`);
    } finally {
      loading.current = false;
      setLoadingMore(false);
    }
  }, [nextCursor]);

  const upsert = useCallback((chat: ChatOut) => setChats((list) => merge(list, [chat])), []);

  const copyLink = useCallback(async (url: string) => {
    if (await copyText(url)) toast.success("Link copied to the clipboard.");
    else toast.error(`Could not copy the link: ${url}`);
  }, []);

  const rename = useCallback(
    async (id: string, title: string) => {
      const before = latest.current.find((c) => c.id === id);
      if (!before || before.title === title) return;
      patch(id, { title });
      try {
        const saved = await chatsApi.rename(id, title);
        patch(id, { title: saved.title });
      } catch (error) {
        patch(id, { title: before.title });
        toast.error(`Could not rename the chat. ${messageOf(error)}`);
      }
    },
    [patch],
  );

  const setShared = useCallback(
    async (id: string, shared: boolean) => {
      const before = latest.current.find((c) => c.id === id);
      if (!before) return;
      patch(id, { is_shared: shared });
      try {
        const state = await chatsApi.setShared(id, shared);
        patch(id, { is_shared: state.is_shared, share_url: state.share_url });
        if (state.share_url) await copyLink(state.share_url);
        else toast.success("Sharing stopped: the link no longer works.");
      } catch (error) {
        patch(id, { is_shared: before.is_shared, share_url: before.share_url });
        toast.error(`Could not change sharing. ${messageOf(error)}`);
      }
    },
    [patch, copyLink],
  );

  const setDiscoverable = useCallback(
    async (id: string, discoverable: boolean) => {
      const before = latest.current.find((c) => c.id === id);
      if (!before) return;
      patch(id, { is_discoverable: discoverable });
      try {
        const saved = await chatsApi.setDiscoverable(id, discoverable);
        patch(id, { is_discoverable: saved.is_discoverable });
        toast.success(
          discoverable
            ? "Search engines may now index this shared chat."
            : "Search engines are asked not to index this chat.",
        );
      } catch (error) {
        patch(id, { is_discoverable: before.is_discoverable });
        toast.error(`Could not change indexing. ${messageOf(error)}`);
      }
    },
    [patch],
  );

  const remove = useCallback(async (id: string) => {
    const before = latest.current;
    setChats((list) => list.filter((c) => c.id !== id));
    try {
      await chatsApi.remove(id);
      toast.success("Chat deleted.");
      return true;
    } catch (error) {
      // Already gone counts as done; anything else puts the row back.
      if (error instanceof ApiError && error.code === "not_found") return true;
      setChats((list) =>
        merge(
          list,
          before.filter((c) => c.id === id),
        ),
      );
      toast.error(`Could not delete the chat. ${messageOf(error)}`);
      return false;
    }
  }, []);

  const value = useMemo(
    () => ({
      chats,
      nextCursor,
      loadingMore,
      loadMore,
      upsert,
      rename,
      setShared,
      setDiscoverable,
      copyLink,
      remove,
      drawerOpen,
      setDrawerOpen,
    }),
    [
      chats,
      nextCursor,
      loadingMore,
      loadMore,
      upsert,
      rename,
      setShared,
      setDiscoverable,
      copyLink,
      remove,
      drawerOpen,
    ],
  );
  return <ChatsContext value={value}>{children}</ChatsContext>;
}
