import Link from "next/link";
import { primaryButton } from "@/components/ui/button-classes";

export default function ChatNotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 px-4 py-20 text-center">
      <h2 className="text-2xl font-semibold tracking-tight">Chat not found</h2>
      <p className="text-zinc-600 dark:text-zinc-400">
        This chat does not exist, was deleted, or belongs to someone else.
      </p>
      <Link href="/chatbot" className={primaryButton}>
        Start a new chat
      </Link>
    </div>
  );
}
