import "server-only";
import type { ElementContent, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import type { PublicChat } from "@/lib/chats/public-chat";
import { describeChat } from "@/lib/chats/share-summary";
import { element, text } from "@/lib/markdown/hast";
import { icon } from "@/lib/markdown/svg-icons";
import { markdownToHtml } from "@/lib/markdown/to-html";
import { publicOrigin } from "@/lib/public-url";
import { OG_IMAGE } from "./og-image";
import { PAGE_SCRIPT } from "./page-script";

// A shared chat as one HTML document, with no framework in it: the reader gets the
// conversation, the stylesheets, and an inline script for three buttons (Continue this
// conversation, Copy link, and Copy on code blocks). Next's pages would add the React
// runtime and the whole page again as an RSC payload, to hydrate a page with nothing to
// hydrate. app/chatbot/share/[shareId]/route.ts serves and caches it.

const SITE = "SkillMate Chats";
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });
const raw = (value: string): ElementContent => ({ type: "raw", value });
const meta = (key: "name" | "property", name: string, content: string) =>
  element("meta", { [key]: name, content });

function document(head: ElementContent[], body: ElementContent[], stylesheets: string[]): string {
  const tree: Root = {
    type: "root",
    children: [
      { type: "doctype" },
      element("html", { lang: "en" }, [
        element("head", {}, [
          element("meta", { charSet: "utf-8" }),
          element("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
          ...stylesheets.map((href) => element("link", { rel: "stylesheet", href })),
          ...head,
          element("link", { rel: "icon", href: "/icon.svg", type: "image/svg+xml", sizes: "any" }),
        ]),
        element(
          "body",
          {
            className:
              "min-h-dvh bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100",
          },
          body,
        ),
      ]),
    ],
  };
  // Raw nodes are the app's own: rendered markdown (lib/markdown/to-html.ts), escaped
  // JSON-LD and the page script. Every text from a user is a text node, escaped here.
  return toHtml(tree, { allowDangerousHtml: true });
}

function jsonLd(chat: PublicChat, url: string) {
  return {
    "@context": "https://schema.org",
    "@type": "DiscussionForumPosting",
    headline: chat.title,
    url,
    datePublished: chat.shared_at,
    dateModified: chat.updated_at,
    text: chat.messages.find((m) => m.message_type === "user")?.content ?? chat.title,
    author: { "@type": "Organization", name: SITE },
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

/** Title, description, robots, canonical URL, Open Graph, Twitter card and JSON-LD. */
function headOf(chat: PublicChat): ElementContent[] {
  const description = describeChat(chat.messages);
  const url = `${publicOrigin()}/chatbot/share/${chat.share_id}`;
  const image = `${url}/opengraph-image`;
  const robots = chat.is_discoverable ? "index, follow" : "noindex, nofollow";
  return [
    element("title", {}, [text(`${chat.title} · ${SITE}`)]),
    meta("name", "description", description),
    meta("name", "robots", robots),
    element("link", { rel: "canonical", href: url }),
    meta("property", "og:title", chat.title),
    meta("property", "og:description", description),
    meta("property", "og:url", url),
    meta("property", "og:site_name", SITE),
    meta("property", "og:image", image),
    meta("property", "og:image:type", OG_IMAGE.type),
    meta("property", "og:image:width", String(OG_IMAGE.width)),
    meta("property", "og:image:height", String(OG_IMAGE.height)),
    meta("property", "og:image:alt", OG_IMAGE.alt),
    meta("property", "og:type", "article"),
    meta("property", "article:published_time", chat.shared_at),
    meta("property", "article:modified_time", chat.updated_at),
    meta("name", "twitter:card", "summary_large_image"),
    meta("name", "twitter:title", chat.title),
    meta("name", "twitter:description", description),
    meta("name", "twitter:image", image),
    meta("name", "twitter:image:alt", OG_IMAGE.alt),
    ...(chat.is_discoverable
      ? [
          element("script", { type: "application/ld+json" }, [
            // JSON-LD must be raw JSON; "<" is escaped so the text cannot close the tag.
            raw(JSON.stringify(jsonLd(chat, url)).replace(/</g, "\\u003c")),
          ]),
        ]
      : []),
  ];
}

async function messageItem(message: PublicChat["messages"][number]): Promise<ElementContent> {
  if (message.message_type === "user") {
    return element("li", { className: "flex justify-end" }, [
      element(
        "div",
        {
          className:
            "max-w-[85%] whitespace-pre-wrap break-words rounded-2xl bg-zinc-100 px-4 py-2.5 dark:bg-zinc-800",
        },
        [element("span", { className: "sr-only" }, [text("You said: ")]), text(message.content)],
      ),
    ]);
  }
  return element("li", {}, [
    element("span", { className: "sr-only" }, [text("SkillMate said: ")]),
    message.is_error
      ? element("p", { className: "text-sm text-red-700 dark:text-red-400" }, [
          text(message.content),
        ])
      : raw(await markdownToHtml(message.content)),
  ]);
}

const button =
  "inline-flex items-center gap-2 rounded-lg px-4 py-2 text-sm font-medium disabled:opacity-60";

function actions(shareId: string): ElementContent {
  return element("div", { className: "flex flex-col items-center gap-3" }, [
    element("div", { className: "flex flex-wrap justify-center gap-3" }, [
      element(
        "button",
        {
          type: "button",
          dataContinue: shareId,
          className: `${button} bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300`,
        },
        [
          icon("message-square-plus", 16, { className: "size-4" }),
          text("Continue this conversation"),
        ],
      ),
      element(
        "button",
        {
          type: "button",
          dataCopyLink: "",
          className: `${button} border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800`,
        },
        [icon("link-2", 16, { className: "size-4" }), text("Copy link")],
      ),
    ]),
    element("p", {
      id: "share-status",
      role: "status",
      className: "min-h-5 text-sm text-zinc-600 dark:text-zinc-400",
    }),
  ]);
}

// A snapshot link shows the chat as it was: the page says since when.
function snapshotNote(chat: PublicChat): ElementContent[] {
  if (chat.share_mode !== "snapshot" || !chat.snapshot_at) return [];
  return [
    text(" · Snapshot taken "),
    element("time", { dateTime: chat.snapshot_at }, [
      text(dateFormat.format(new Date(chat.snapshot_at))),
    ]),
  ];
}

/** A shared chat, read-only: no composer and nothing about its owner. */
export async function sharePageHtml(chat: PublicChat, stylesheets: string[]): Promise<string> {
  const count = chat.messages.length;
  const items = await Promise.all(chat.messages.map(messageItem));
  const body = element("div", { className: "flex min-h-dvh flex-col" }, [
    element("header", { className: "border-b border-zinc-200 px-4 py-3 dark:border-zinc-800" }, [
      element("a", { href: "/", className: "font-semibold tracking-tight" }, [text(SITE)]),
    ]),
    element("main", { className: "mx-auto w-full max-w-3xl flex-1 px-4 py-8" }, [
      element("h1", { className: "text-2xl font-semibold tracking-tight sm:text-3xl" }, [
        text(chat.title),
      ]),
      element("p", { className: "mt-2 text-sm text-zinc-600 dark:text-zinc-400" }, [
        text("Shared on "),
        element("time", { dateTime: chat.shared_at }, [
          text(dateFormat.format(new Date(chat.shared_at))),
        ]),
        text(` · ${count} ${count === 1 ? "message" : "messages"}`),
        ...snapshotNote(chat),
      ]),
      element("ol", { className: "mt-8 flex flex-col gap-6", ariaLabel: "Conversation" }, items),
    ]),
    element("footer", { className: "border-t border-zinc-200 px-4 py-6 dark:border-zinc-800" }, [
      actions(chat.share_id),
      element("p", { className: "mt-2 text-center text-xs text-zinc-600 dark:text-zinc-400" }, [
        text("This is a copy of a conversation with SkillMate, shared by its author."),
      ]),
    ]),
  ]);
  return document(headOf(chat), [body, element("script", {}, [raw(PAGE_SCRIPT)])], stylesheets);
}

/** What an id that shows nothing answers (never shared, unshared, deleted, malformed). */
export function shareNotFoundHtml(stylesheets: string[]): string {
  return messagePage(
    stylesheets,
    "Chat not found",
    "This page is not here",
    "The link may be wrong, or the chat was deleted or is no longer shared.",
  );
}

/** The page of a share link past its expiry (410). */
export function shareExpiredHtml(stylesheets: string[]): string {
  return messagePage(
    stylesheets,
    "Link expired",
    "This link has expired",
    "Its owner shared this chat for a limited time. Ask them for a new link.",
  );
}

function messagePage(stylesheets: string[], title: string, heading: string, line: string) {
  const head = [
    element("title", {}, [text(`${title} · ${SITE}`)]),
    meta("name", "robots", "noindex, nofollow"),
  ];
  const body = element(
    "main",
    {
      className:
        "mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center",
    },
    [
      element("h1", { className: "text-2xl font-semibold" }, [text(heading)]),
      element("p", { className: "text-zinc-600 dark:text-zinc-400" }, [text(line)]),
      element("a", { href: "/", className: "font-medium underline" }, [text(`Go to ${SITE}`)]),
    ],
  );
  return document(head, [body], stylesheets);
}
