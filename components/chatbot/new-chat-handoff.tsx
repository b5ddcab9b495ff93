"use client";

import { useRouter } from "next/navigation";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
} from "react";

// "New chat" navigates to /chatbot, and the page answers a moment later: in between the
// composer on screen is the old chat's, and the new page mounts a new one. Whatever was
// typed in that moment is handed from the old composer to the new one, which takes the
// focus; the old one refuses to send it into the chat being left.

type Handoff = {
  /** Starts a new chat: focus the composer now, navigate, and carry what gets typed. */
  startNewChat: () => void;
  /** Bumped by startNewChat: composers focus themselves when it changes. */
  focusRequest: number;
  /** Whether a new chat is on its way (for a few seconds at most, should it never come). */
  pending: () => boolean;
  /** The old composer, as it is typed into while the new chat is on its way. */
  keep: (text: string) => void;
  /** The new chat's composer: the text to start with (once), ending the handoff. */
  take: () => string | null;
};

const PENDING_MS = 5000;
const HandoffContext = createContext<Handoff | null>(null);

export function useNewChatHandoff(): Handoff {
  const handoff = useContext(HandoffContext);
  if (!handoff) throw new Error("useNewChatHandoff needs a NewChatHandoffProvider");
  return handoff;
}

export function NewChatHandoffProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [focusRequest, setFocusRequest] = useState(0);
  const since = useRef(0);
  const draft = useRef<string | null>(null);

  const pending = useCallback(() => Date.now() - since.current < PENDING_MS, []);
  const startNewChat = useCallback(() => {
    since.current = Date.now();
    draft.current = null;
    setFocusRequest((n) => n + 1);
    router.push("/chatbot");
  }, [router]);
  const keep = useCallback((text: string) => {
    draft.current = text;
  }, []);
  const take = useCallback(() => {
    since.current = 0;
    const text = draft.current;
    draft.current = null;
    return text;
  }, []);

  const value = useMemo(
    () => ({ startNewChat, focusRequest, pending, keep, take }),
    [startNewChat, focusRequest, pending, keep, take],
  );
  return <HandoffContext value={value}>{children}</HandoffContext>;
}
