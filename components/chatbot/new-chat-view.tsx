"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ChatView } from "./chat-view";

/**
 * /chatbot: a fresh conversation. After the first send the URL is the chat's own while
 * Next still shows this page, so "New chat" (back to /chatbot) must start over by hand.
 */
export function NewChatView({ isGuest }: { isGuest: boolean }) {
  const pathname = usePathname();
  const router = useRouter();
  const [generation, setGeneration] = useState(0);
  const left = useRef(false);

  useEffect(() => {
    if (pathname !== "/chatbot") left.current = true;
    else if (left.current) {
      left.current = false;
      setGeneration((g) => g + 1);
    }
  }, [pathname]);

  // Back/forward can restore this page under a chat's URL (the one replaceState gave
  // it): load that chat for real.
  useEffect(() => {
    if (window.location.pathname.startsWith("/chatbot/c/"))
      router.replace(window.location.pathname);
  }, [router]);

  return <ChatView key={generation} initialChat={null} isGuest={isGuest} />;
}
