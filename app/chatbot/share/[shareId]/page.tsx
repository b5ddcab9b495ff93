import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SharedChat } from "@/components/share/shared-chat";
import { getPublicChat } from "@/lib/chats/public-chat";
import { SHARE_ID_PATTERN } from "@/lib/chats/share-id";
import { describeChat } from "@/lib/chats/share-summary";
import { publicOrigin } from "@/lib/public-url";

type Props = PageProps<"/chatbot/share/[shareId]">;

// Cache Components needs one param to prerender; it is not a share id, so it renders
// the not-found page at build time without touching the database.
export function generateStaticParams() {
  return [{ shareId: "__placeholder__" }];
}

/** Malformed ids are refused before any cache work, so they cannot fill the cache. */
function load(shareId: string) {
  return SHARE_ID_PATTERN.test(shareId) ? getPublicChat(shareId) : Promise.resolve(null);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { shareId } = await params;
  const chat = await load(shareId);
  if (!chat) return { title: "Chat not found", robots: { index: false, follow: false } };
  const description = describeChat(chat.messages);
  const path = `/chatbot/share/${shareId}`;
  return {
    metadataBase: new URL(publicOrigin()),
    title: chat.title,
    description,
    alternates: { canonical: path },
    robots: chat.is_discoverable ? { index: true, follow: true } : { index: false, follow: false },
    openGraph: {
      type: "article",
      url: path,
      title: chat.title,
      description,
      siteName: "SkillMate Chats",
      publishedTime: chat.shared_at,
      modifiedTime: chat.updated_at,
    },
    twitter: { card: "summary_large_image", title: chat.title, description },
  };
}

function jsonLd(chat: NonNullable<Awaited<ReturnType<typeof load>>>, url: string) {
  return {
    "@context": "https://schema.org",
    "@type": "DiscussionForumPosting",
    headline: chat.title,
    url,
    datePublished: chat.shared_at,
    dateModified: chat.updated_at,
    text: chat.messages.find((m) => m.message_type === "user")?.content ?? chat.title,
    author: { "@type": "Organization", name: "SkillMate Chats" },
    comment: chat.messages
      .filter((m) => !m.is_error)
      .slice(1)
      .map((m) => ({
        "@type": "Comment",
        text: m.content,
        dateCreated: m.created_at,
        author:
          m.message_type === "assistant"
            ? { "@type": "Organization", name: "SkillMate" }
            : { "@type": "Person", name: "Learner" },
      })),
  };
}

export default async function SharedChatPage({ params }: Props) {
  // Awaited here, outside any Suspense boundary: each share id gets a full-HTML entry.
  const { shareId } = await params;
  const chat = await load(shareId);
  if (!chat) notFound();
  return (
    <>
      {chat.is_discoverable ? (
        <script
          type="application/ld+json"
          // JSON-LD must be raw JSON; "<" is escaped so the text cannot close the tag.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: escaped JSON, see above
          dangerouslySetInnerHTML={{
            __html: JSON.stringify(
              jsonLd(chat, `${publicOrigin()}/chatbot/share/${shareId}`),
            ).replace(/</g, "\\u003c"),
          }}
        />
      ) : null}
      <SharedChat chat={chat} />
    </>
  );
}
