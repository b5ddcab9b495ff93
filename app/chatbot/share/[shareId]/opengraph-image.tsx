import { ImageResponse } from "next/og";
import { ogText } from "@/lib/chats/og-text";
import { getPublicChat } from "@/lib/chats/public-chat";
import { firstExchange, plainLine } from "@/lib/chats/share-summary";
import { SHARE_ID_PATTERN } from "@/lib/share-id";

export const size = { width: 1200, height: 630 };
export const contentType = "image/png";
export const alt = "A conversation shared from SkillMate Chats";

export function generateStaticParams() {
  return [{ shareId: "__placeholder__" }];
}

// Rendered with next/og's bundled font, and only text it can draw (og-text.ts): nothing
// is fetched at run time. Ids that show nothing never get here (proxy.ts answers 404),
// so made-up ids cannot fill the page cache; a chat unshared a moment ago draws the
// site's card.
export default async function OpenGraphImage({ params }: { params: Promise<{ shareId: string }> }) {
  const { shareId } = await params;
  const chat = SHARE_ID_PATTERN.test(shareId) ? await getPublicChat(shareId) : null;
  const title = chat
    ? ogText(plainLine(chat.title, 90), "A shared conversation")
    : "SkillMate Chats";
  const exchange = chat ? firstExchange(chat.messages) : { question: "", answer: "" };
  const question = ogText(exchange.question, "");
  const answer = ogText(exchange.answer, "");
  return new ImageResponse(
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
          {plainLine(question, 120)}
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
          {plainLine(answer, 200)}
        </div>
      ) : null}
    </div>,
    size,
  );
}
