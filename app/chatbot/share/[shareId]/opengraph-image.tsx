import { notFound } from "next/navigation";
import { ImageResponse } from "next/og";
import { ShareCard } from "@/lib/chats/og-card";
import { getPublicChat } from "@/lib/chats/public-chat";
import { SHARE_ID_PATTERN } from "@/lib/chats/share-id";
import { OG_IMAGE } from "@/lib/share/og-image";

// As the share page describes it (lib/share/page-html.ts).
export const size = { width: OG_IMAGE.width, height: OG_IMAGE.height };
export const contentType = OG_IMAGE.type;
export const alt = OG_IMAGE.alt;

export function generateStaticParams() {
  return [{ shareId: "__placeholder__" }];
}

// Ids that show nothing are answered 404 by the proxy before Next renders (and would
// store) anything; this route refuses them too, and the page cache keeps no 404
// (lib/cache/isr-handler.cjs). Drawn with next/og's bundled font only: nothing is
// fetched at run time (lib/chats/og-card.tsx).
export default async function OpenGraphImage({ params }: { params: Promise<{ shareId: string }> }) {
  const { shareId } = await params;
  const chat = SHARE_ID_PATTERN.test(shareId) ? await getPublicChat(shareId) : null;
  if (!chat) notFound();
  return new ImageResponse(<ShareCard chat={chat} />, size);
}
