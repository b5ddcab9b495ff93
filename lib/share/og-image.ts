/** The share's Open Graph image: drawn by opengraph-image.tsx, described by page-html.ts. */
export const OG_IMAGE = {
  width: 1200,
  height: 630,
  type: "image/png",
  alt: "A conversation shared from SkillMate Chats",
} as const;
