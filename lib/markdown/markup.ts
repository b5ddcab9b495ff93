// Class names and labels of the markup a message is shown with, shared by the React
// components (components/markdown/) and the HTML renderer of shared pages (./to-html.ts),
// so that both look alike.

// Links in messages open apart, pass no referrer, and carry no endorsement.
export const LINK_ATTRIBUTES = {
  target: "_blank",
  rel: "noopener noreferrer nofollow ugc",
  className: "font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400",
} as const;

export const TABLE_WRAPPER_CLASS = "my-3 overflow-x-auto";

export const CODE_FRAME_CLASS = {
  frame: "my-3 overflow-hidden rounded-lg bg-zinc-900 text-zinc-100 dark:bg-black/60",
  bar: "flex items-center justify-between gap-2 border-b border-white/10 py-1 pr-1 pl-3",
  language: "font-mono text-xs text-zinc-300",
  pre: "overflow-x-auto p-3 text-sm leading-relaxed",
} as const;

export const COPY_CODE_CLASS =
  "inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-zinc-200 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-sky-400";

// The Copy button says how it went on itself, not in a toast: shared pages have no
// toaster, and their readers should not download one for this.
export const COPY_CODE_LABEL = { idle: "Copy", copied: "Copied", failed: "Copy failed" } as const;

/** How long a copy's outcome shows before the control is back as it was. */
export const COPY_SHOWN_MS = 1500;
