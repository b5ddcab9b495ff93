import { StaticMarkdown } from "@/components/markdown/static-markdown";
import type { MessageOut } from "@/lib/validation/chat";

export function SharedMessage({ message }: { message: MessageOut }) {
  if (message.message_type === "user") {
    return (
      <li className="flex justify-end">
        <div className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl bg-zinc-100 px-4 py-2.5 dark:bg-zinc-800">
          <span className="sr-only">You said: </span>
          {message.content}
        </div>
      </li>
    );
  }
  return (
    <li>
      <span className="sr-only">SkillMate said: </span>
      {message.is_error ? (
        <p className="text-sm text-red-700 dark:text-red-400">{message.content}</p>
      ) : (
        <StaticMarkdown>{message.content}</StaticMarkdown>
      )}
    </li>
  );
}
