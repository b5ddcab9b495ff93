import type { MessageOut } from "@/lib/validation/chat";
import { plainText } from "./plain-text";

/** Markdown as one line of plain text of at most `max` characters. */
export function plainLine(markdown: string, max: number): string {
  const text = plainText(markdown.replace(/```[\s\S]*?```/g, " ")).replace(/\|/g, " ");
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The first question and the first answer of a conversation, if any. */
export function firstExchange(messages: MessageOut[]) {
  const question = messages.find((m) => m.message_type === "user" && !m.is_error);
  const answer = messages.find((m) => m.message_type === "assistant" && !m.is_error);
  return { question: question?.content ?? "", answer: answer?.content ?? "" };
}

/** A search-result description: the first exchange, in at most 160 characters. */
export function describeChat(messages: MessageOut[]): string {
  const { question, answer } = firstExchange(messages);
  const text = [question, answer].filter(Boolean).join(" — ");
  return text
    ? plainLine(text, 160)
    : "A conversation with SkillMate, the chatbot that helps people learn skills.";
}
