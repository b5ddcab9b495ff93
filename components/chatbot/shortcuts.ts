import { useEffect, useSyncExternalStore } from "react";
import { useStableCallback } from "./use-stable-callback";

// The workspace's keyboard shortcuts, as ChatGPT has them: Ctrl+Shift+O (Cmd+Shift+O on
// macOS) starts a new chat, Ctrl+K (Cmd+K) searches the chats, Escape stops a streaming
// reply. Both are window listeners, so
// they work wherever the focus is; both step aside for whatever is open on top (a dialog,
// the chat drawer) or already took the key (the rename field's Escape).

/** aria-keyshortcuts of New chat: either modifier is accepted on every platform. */
export const NEW_CHAT_KEYS = "Control+Shift+O Meta+Shift+O";
export const STOP_KEYS = "Escape";
export const SEARCH_KEYS = "Control+K Meta+K";

/** Whether something modal is open, whose Escape (and focus) must not be taken over. */
function overlayOpen(): boolean {
  return document.querySelector('dialog[open], [aria-modal="true"]') !== null;
}

function isNewChatKey(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    event.shiftKey &&
    !event.altKey &&
    event.key.toLowerCase() === "o"
  );
}

/** Calls `onKey` for Ctrl/Cmd+Shift+O, wherever the focus is in the page. */
export function useNewChatShortcut(onKey: () => void) {
  const handler = useStableCallback(onKey);
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (!isNewChatKey(event) || event.defaultPrevented || event.repeat || overlayOpen()) return;
      event.preventDefault(); // Chrome's bookmark manager, Firefox's library
      handler();
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [handler]);
}

function isSearchKey(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.shiftKey &&
    !event.altKey &&
    event.key.toLowerCase() === "k"
  );
}

/** Calls `onKey` for Ctrl/Cmd+K, wherever the focus is in the page. */
export function useSearchShortcut(onKey: () => void) {
  const handler = useStableCallback(onKey);
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (!isSearchKey(event) || event.defaultPrevented || event.repeat || overlayOpen()) return;
      event.preventDefault(); // the browser's own search box
      handler();
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [handler]);
}

/** While `active`, calls `onKey` for an Escape that nothing else took. */
export function useStopShortcut(active: boolean, onKey: () => void) {
  const handler = useStableCallback(onKey);
  useEffect(() => {
    if (!active) return;
    const listener = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || event.isComposing) return;
      if (overlayOpen()) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [active, handler]);
}

const noSubscription = () => () => {};

function useApple(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent),
    () => false,
  );
}

/** "⇧⌘O" on Apple devices, else "Ctrl+Shift+O"; the latter in the server's render. */
export function useNewChatKeyLabel(): string {
  return useApple() ? "⇧⌘O" : "Ctrl+Shift+O";
}

/** "⌘K" on Apple devices, else "Ctrl+K". */
export function useSearchKeyLabel(): string {
  return useApple() ? "⌘K" : "Ctrl+K";
}
