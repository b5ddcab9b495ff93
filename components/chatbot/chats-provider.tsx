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
import { copyText } from "@/components/markdown/copy-text";
import { ApiError, chatsApi } from "@/lib/client/chats-api";
import type { ChatOut } from "@/lib/validation/chat";
import { merge, patchChat } from "./chat-list";
import { PrivacyCheckDialog, type ShareReview } from "./privacy-check-dialog";
import { ShareOptionsDialog } from "./share-options-dialog";
import { messageOf, useOptimisticChats } from "./use-optimistic-chats";

// The sidebar's list is the client's one copy of the caller's chats: the top bar, the
// rows and the open conversation all read and change it here, so a rename or a share
// shows everywhere at once. Changes are optimistic and roll back with a toast
// (use-optimistic-chats.ts).

type ChatsState = {
  chats: ChatOut[];
  nextCursor: string | null;
  loadingMore: boolean;
  loadMore: () => Promise<void>;
  upsert: (chat: ChatOut) => void;
  rename: (id: string, title: string) => Promise<void>;
  setShared: (id: string, shared: boolean) => Promise<void>;
  setDiscoverable: (id: string, discoverable: boolean) => Promise<void>;
  setPinned: (id: string, pinned: boolean) => Promise<void>;
  /** Archives the chat (it leaves the list, with Undo in the toast) or brings it back. */
  setArchived: (id: string, archived: boolean) => Promise<boolean>;
  copyLink: (url: string) => Promise<void>;
  /** Opens the "Share options" dialog of this chat. */
  openShareOptions: (id: string) => void;
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

export function ChatsProvider({
  initialChats,
  initialCursor,
  canPublish,
  children,
}: {
  initialChats: ChatOut[];
  initialCursor: string | null;
  /** Accounts may let search engines index their shared chats; guests may not. */
  canPublish: boolean;
  children: ReactNode;
}) {
  const [chats, setChats] = useState(initialChats);
  const [nextCursor, setNextCursor] = useState(initialCursor);
  const [loadingMore, setLoadingMore] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [review, setReview] = useState<ShareReview | null>(null);
  const [shareOptionsId, setShareOptionsId] = useState<string | null>(null);
  const checking = useRef(new Set<string>());
  // The latest list for callbacks that roll back, without re-creating them on each change.
  const latest = useRef(chats);
  latest.current = chats;
  const loading = useRef(false);

  const optimistic = useOptimisticChats(latest, setChats);
  const patch = useCallback((id: string, change: Partial<ChatOut>) => {
    setChats((list) => patchChat(list, id, change));
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
      if (latest.current.find((c) => c.id === id)?.title === title) return;
      await optimistic(id, { title }, "Could not rename the chat.", async () => {
        const saved = await chatsApi.rename(id, title);
        patch(id, { title: saved.title });
      });
    },
    [optimistic, patch],
  );

  // Sharing again a chat shared before revives its old link (as the API does): the toast
  // offers a new one instead, for a link that went further than meant.
  const renewLink = useCallback(
    async (id: string) => {
      await optimistic(id, {}, "Could not issue a new link.", async () => {
        const state = await chatsApi.rotate(id);
        patch(id, state);
        if (state.share_url && (await copyText(state.share_url))) {
          toast.success("New link copied to the clipboard: the old one no longer works.");
        } else {
          toast.success("New link issued: the old one no longer works.");
        }
      });
    },
    [optimistic, patch],
  );

  const applySharing = useCallback(
    async (id: string, shared: boolean) => {
      const before = latest.current.find((c) => c.id === id);
      const reviving = shared && before?.is_shared === false && before.shared_at !== null;
      await optimistic(id, { is_shared: shared }, "Could not change sharing.", async () => {
        const state = await chatsApi.setShared(id, shared);
        patch(id, state);
        if (!state.share_url) {
          toast.success("Sharing stopped: the link no longer works.");
        } else if (!reviving) {
          await copyLink(state.share_url);
        } else {
          const action = { label: "New link instead", onClick: () => void renewLink(id) };
          if (await copyText(state.share_url)) {
            toast.success("Link copied to the clipboard: the old link works again.", { action });
          } else {
            toast.error(`Could not copy the link: ${state.share_url}`, { action });
          }
        }
      });
    },
    [optimistic, patch, copyLink, renewLink],
  );

  // A chat going public is checked first for emails, keys, card numbers…: a clean chat is
  // shared at once (one click, as before); otherwise the owner sees what was found and
  // decides. Stopping a share needs no check.
  const setShared = useCallback(
    async (id: string, shared: boolean) => {
      const chat = latest.current.find((c) => c.id === id);
      if (!shared || chat?.is_shared) return applySharing(id, shared);
      // A second click while the check runs would share twice.
      if (checking.current.has(id)) return;
      checking.current.add(id);
      let findings: ShareReview["findings"];
      try {
        findings = (await chatsApi.checkShare(id)).findings;
      } catch {
        findings = null;
      } finally {
        checking.current.delete(id);
      }
      if (findings?.length === 0) return applySharing(id, true);
      setReview({ chatId: id, title: chat?.title ?? "This chat", findings });
    },
    [applySharing],
  );

  const setDiscoverable = useCallback(
    async (id: string, discoverable: boolean) => {
      await optimistic(
        id,
        { is_discoverable: discoverable },
        "Could not change indexing.",
        async () => {
          const saved = await chatsApi.setDiscoverable(id, discoverable);
          patch(id, { is_discoverable: saved.is_discoverable });
          toast.success(
            discoverable
              ? "Search engines may now index this shared chat."
              : "Search engines are asked not to index this chat.",
          );
        },
      );
    },
    [optimistic, patch],
  );

  const setPinned = useCallback(
    async (id: string, pinned: boolean) => {
      await optimistic(id, { is_pinned: pinned }, "Could not change the pin.", async () => {
        const saved = await chatsApi.update(id, { is_pinned: pinned });
        patch(id, { is_pinned: saved.is_pinned });
      });
    },
    [optimistic, patch],
  );

  const setArchived = useCallback(
    async (id: string, archived: boolean): Promise<boolean> => {
      const failure = archived ? "Could not archive the chat." : "Could not unarchive the chat.";
      return optimistic(id, { is_archived: archived }, failure, async () => {
        const saved = await chatsApi.update(id, { is_archived: archived });
        patch(id, { is_archived: saved.is_archived });
        if (!archived) return;
        toast.success("Chat archived. Find it under Archived chats.", {
          action: { label: "Undo", onClick: () => void setArchivedRef.current(id, false) },
        });
      });
    },
    [optimistic, patch],
  );
  // The toast's Undo calls the function that made it, which cannot name itself above.
  const setArchivedRef = useRef(setArchived);
  setArchivedRef.current = setArchived;

  const remove = useCallback(
    (id: string) =>
      optimistic(id, "remove", "Could not delete the chat.", async () => {
        try {
          await chatsApi.remove(id);
        } catch (error) {
          // Already gone counts as done; anything else puts the row back.
          if (error instanceof ApiError && error.code === "not_found") return;
          throw error;
        }
        toast.success("Chat deleted.");
      }),
    [optimistic],
  );

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
      setPinned,
      setArchived,
      copyLink,
      openShareOptions: setShareOptionsId,
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
      setPinned,
      setArchived,
      copyLink,
      remove,
      drawerOpen,
    ],
  );
  // Closed with its chat: a chat deleted meanwhile takes its dialog along.
  const shareOptionsChat = shareOptionsId ? chats.find((c) => c.id === shareOptionsId) : undefined;
  return (
    <ChatsContext value={value}>
      {children}
      <PrivacyCheckDialog
        review={review}
        onShare={(id) => void applySharing(id, true)}
        onClose={() => setReview(null)}
      />
      {shareOptionsChat ? (
        <ShareOptionsDialog
          key={shareOptionsChat.id}
          chat={shareOptionsChat}
          canPublish={canPublish}
          onChanged={patch}
          onClose={() => setShareOptionsId(null)}
        />
      ) : null}
    </ChatsContext>
  );
}
