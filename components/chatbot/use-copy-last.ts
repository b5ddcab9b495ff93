import { toast } from "sonner";
import { copyText } from "@/components/markdown/copy-text";
import type { UiMessage } from "./message-item";
import { useCopyCodeShortcut, useCopyReplyShortcut } from "./shortcuts";

/** The chat's finished replies, latest last. */
const repliesOf = (messages: UiMessage[]) =>
  messages.filter((m) => m.role === "assistant" && !m.isError && !m.streaming && m.content);

async function copyWithToast(text: string | null | undefined, what: string) {
  if (!text) {
    toast.error(`No ${what} to copy yet.`);
    return;
  }
  if (await copyText(text)) toast.success(`Copied the last ${what}.`);
  else toast.error(`Could not copy the last ${what}.`);
}

/** The last code block of the latest reply that has one. */
async function lastCode(messages: UiMessage[]): Promise<string | null> {
  // The lexer is loaded when asked for: the page's own scripts do without it.
  const { lastCodeBlock } = await import("@/lib/markdown/code-blocks");
  for (const reply of repliesOf(messages).reverse()) {
    const code = lastCodeBlock(reply.content);
    if (code !== null) return code;
  }
  return null;
}

/** Ctrl/Cmd+Shift+C copies the last reply, Ctrl/Cmd+Shift+; the last code block in one. */
export function useCopyLastShortcuts(messages: UiMessage[]) {
  useCopyReplyShortcut(() => void copyWithToast(repliesOf(messages).at(-1)?.content, "reply"));
  useCopyCodeShortcut(() => {
    lastCode(messages).then(
      (code) => copyWithToast(code, "code block"),
      () => toast.error("Could not copy the last code block. Try again."),
    );
  });
}
