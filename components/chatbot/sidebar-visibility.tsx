"use client";

import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { SIDEBAR_COOKIE } from "./sidebar-cookie";

// On wide screens the chat list can be put away (Close sidebar, or Ctrl/Cmd+Shift+S),
// giving the conversation the width. A cookie remembers it, so that the next page is
// rendered that way from the start instead of flashing the list first. (On phones the
// list is a drawer, closed until opened: chats-provider.tsx's drawerOpen.)

const YEAR_SECONDS = 365 * 24 * 60 * 60;

type SidebarVisibility = { hidden: boolean; setHidden: (hidden: boolean) => void };

const Context = createContext<SidebarVisibility>({ hidden: false, setHidden: () => {} });

export function useSidebarVisibility(): SidebarVisibility {
  return useContext(Context);
}

export function SidebarVisibilityProvider({
  initialHidden,
  children,
}: {
  initialHidden: boolean;
  children: ReactNode;
}) {
  const [hidden, setHiddenState] = useState(initialHidden);
  const setHidden = useCallback((next: boolean) => {
    setHiddenState(next);
    // biome-ignore lint/suspicious/noDocumentCookie: a preference, read by the server's layout
    document.cookie = `${SIDEBAR_COOKIE}=${next ? "hidden" : "shown"}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
  }, []);
  const value = useMemo(() => ({ hidden, setHidden }), [hidden, setHidden]);
  return <Context value={value}>{children}</Context>;
}

/** Whether the screen is wide enough for the list to stand beside the chat (Tailwind's md). */
export const isWideScreen = () => window.matchMedia("(min-width: 48rem)").matches;
