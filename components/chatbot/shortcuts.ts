import { useEffect, useSyncExternalStore } from "react";
import { useStableCallback } from "./use-stable-callback";

// The workspace's keyboard shortcuts, as ChatGPT has them: Ctrl+Shift+O (Cmd+Shift+O on
// macOS) starts a new chat, Ctrl+K (Cmd+K) searches the chats, Ctrl+Shift+S shows or puts
// away the chat list, Ctrl+Shift+C copies the last reply and Ctrl+Shift+; its last code
// block, Ctrl+Shift+Backspace deletes the open chat (once confirmed), Shift+Escape puts the
// focus in the message box, Ctrl+/ (Cmd+/) lists them all, and Escape stops a streaming
// reply.
// They are window listeners, so they work wherever the focus is; they step aside for
// whatever is open on top (a dialog, the chat drawer) or already took the key (the rename
// field's Escape, the message editor's).

/** aria-keyshortcuts values: either modifier is accepted on every platform. */
export const NEW_CHAT_KEYS = "Control+Shift+O Meta+Shift+O";
export const STOP_KEYS = "Escape";
export const SEARCH_KEYS = "Control+K Meta+K";
export const FOCUS_COMPOSER_KEYS = "Shift+Escape";
export const SHORTCUTS_KEYS = "Control+/ Meta+/";
export const TOGGLE_SIDEBAR_KEYS = "Control+Shift+S Meta+Shift+S";
export const DELETE_CHAT_KEYS = "Control+Shift+Backspace Meta+Shift+Backspace";

/** Whether something modal is open, whose Escape (and focus) must not be taken over. */
function overlayOpen(): boolean {
  return document.querySelector('dialog[open], [aria-modal="true"]') !== null;
}

/** Ctrl or Cmd, Shift or not, and `key`; never Alt. */
const withCommand =
  (key: string, shift: boolean) =>
  (event: KeyboardEvent): boolean =>
    (event.ctrlKey || event.metaKey) &&
    event.shiftKey === shift &&
    !event.altKey &&
    event.key.toLowerCase() === key;

const isNewChatKey = withCommand("o", true);
const isSearchKey = withCommand("k", false);
const isShortcutsKey = withCommand("/", false);
const isToggleSidebarKey = withCommand("s", true);
const isCopyReplyKey = withCommand("c", true);
const isDeleteChatKey = withCommand("backspace", true);
// By the key's place: with Shift, most layouts type ":" there, and some no ";" at all.
const isCopyCodeKey = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.code === "Semicolon";
const isFocusComposerKey = (event: KeyboardEvent) =>
  event.key === "Escape" && event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey;

/** Calls `onKey` for the keys `matches`, wherever the focus is in the page, while `enabled`. */
function useWindowShortcut(
  matches: (event: KeyboardEvent) => boolean,
  onKey: () => void,
  enabled = true,
) {
  const handler = useStableCallback(onKey);
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (!matches(event) || event.defaultPrevented || event.repeat || overlayOpen()) return;
      // The browser's own use of the keys: Chrome's bookmark manager, its search box.
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [matches, handler, enabled]);
}

/** Ctrl/Cmd+Shift+O. */
export const useNewChatShortcut = (onKey: () => void) => useWindowShortcut(isNewChatKey, onKey);
/** Ctrl/Cmd+K. */
export const useSearchShortcut = (onKey: () => void) => useWindowShortcut(isSearchKey, onKey);
/** Ctrl/Cmd+/. */
export const useShortcutsShortcut = (onKey: () => void) => useWindowShortcut(isShortcutsKey, onKey);
/** Ctrl/Cmd+Shift+S. */
export const useToggleSidebarShortcut = (onKey: () => void) =>
  useWindowShortcut(isToggleSidebarKey, onKey);
/** Ctrl/Cmd+Shift+C. */
export const useCopyReplyShortcut = (onKey: () => void) => useWindowShortcut(isCopyReplyKey, onKey);
/** Ctrl/Cmd+Shift+;. */
export const useCopyCodeShortcut = (onKey: () => void) => useWindowShortcut(isCopyCodeKey, onKey);
/** Ctrl/Cmd+Shift+Backspace, for the open chat's row (`active`). */
export const useDeleteChatShortcut = (active: boolean, onKey: () => void) =>
  useWindowShortcut(isDeleteChatKey, onKey, active);
/** Shift+Escape. */
export const useFocusComposerShortcut = (onKey: () => void) =>
  useWindowShortcut(isFocusComposerKey, onKey);

/** While `active`, calls `onKey` for an Escape that nothing else took. */
export function useStopShortcut(active: boolean, onKey: () => void) {
  const handler = useStableCallback(onKey);
  useEffect(() => {
    if (!active) return;
    const listener = (event: KeyboardEvent) => {
      // Shift+Escape is another shortcut's (the message box).
      if (event.key !== "Escape" || event.shiftKey || event.defaultPrevented) return;
      if (event.isComposing || overlayOpen()) return;
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

/** Every shortcut as the Keyboard shortcuts dialog lists it, for this device. */
export function useShortcutList(): { action: string; keys: string }[] {
  const apple = useApple();
  return [
    { action: "New chat", keys: useNewChatKeyLabel() },
    { action: "Search chats", keys: useSearchKeyLabel() },
    { action: "Show or hide the chat list", keys: apple ? "⇧⌘S" : "Ctrl+Shift+S" },
    { action: "Copy the last reply", keys: apple ? "⇧⌘C" : "Ctrl+Shift+C" },
    { action: "Copy the last code block", keys: apple ? "⇧⌘;" : "Ctrl+Shift+;" },
    { action: "Delete the chat", keys: apple ? "⇧⌘⌫" : "Ctrl+Shift+Backspace" },
    { action: "Focus the message box", keys: apple ? "⇧Esc" : "Shift+Esc" },
    { action: "Send the message", keys: "Enter" },
    { action: "New line in the message", keys: apple ? "⇧Enter" : "Shift+Enter" },
    { action: "Stop the reply", keys: "Esc" },
    { action: "Keyboard shortcuts", keys: apple ? "⌘/" : "Ctrl+/" },
  ];
}
