import Link from "next/link";

export function ChatFootnote({ isGuest }: { isGuest: boolean }) {
  return (
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
  );
}
