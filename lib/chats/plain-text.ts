/** Markdown reduced to the words a reader sees. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?([\s\S]*?)```/g, " $1 ") // fenced code: keep the code
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // images: their alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // links: their text
    .replace(/<[^>]+>/g, " ") // inline HTML tags
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, "") // headings, quotes, lists
    .replace(/(\*\*|__|\*|_|~~|`)/g, "") // emphasis, strike, inline code marks
    .replace(/\s+/g, " ")
    .trim();
}
