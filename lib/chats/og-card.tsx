import { ogText } from "./og-text";
import type { PublicChat } from "./public-chat";
import { firstExchange, plainLine } from "./share-summary";

/**
 * The Open Graph card of a shared chat, for next/og. Every text in it goes through
 * ogText: a glyph the bundled font lacks would make next/og fetch a font or an emoji
 * from the network (it has no switch to turn that off), and nothing here may.
 */
export function ShareCard({ chat }: { chat: Pick<PublicChat, "title" | "messages"> }) {
  const title = ogText(plainLine(chat.title, 90), "A shared conversation");
  const exchange = firstExchange(chat.messages);
  const question = ogText(plainLine(exchange.question, 120), "");
  const answer = ogText(plainLine(exchange.answer, 200), "");
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        padding: 64,
        background: "linear-gradient(135deg, #18181b 0%, #27272a 100%)",
        color: "#fafafa",
        fontSize: 28,
      }}
    >
      <div style={{ display: "flex", fontSize: 30, color: "#a1a1aa" }}>SkillMate Chats</div>
      <div
        style={{ display: "flex", fontSize: 60, fontWeight: 700, marginTop: 24, lineHeight: 1.15 }}
      >
        {title}
      </div>
      {question ? (
        <div
          style={{
            display: "flex",
            alignSelf: "flex-end",
            marginTop: 40,
            maxWidth: 900,
            padding: "18px 26px",
            borderRadius: 24,
            background: "#3f3f46",
          }}
        >
          {question}
        </div>
      ) : null}
      {answer ? (
        <div
          style={{
            display: "flex",
            marginTop: 24,
            maxWidth: 1000,
            color: "#d4d4d8",
            lineHeight: 1.4,
          }}
        >
          {answer}
        </div>
      ) : null}
    </div>
  );
}
