import type { Element, ElementContent, Properties, Text } from "hast";

// Reading the hast trees remark-rehype makes, for the markdown plugins and components.

/** The text of a node and everything in it. */
export function textOf(node: ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

/** An element's class names. */
export function classesOf(node: Element): string[] {
  const names = node.properties.className;
  return Array.isArray(names) ? names.map(String) : [];
}

/** The fenced code inside a `pre`, and the language its info string names. */
export function codeOf(pre: Element | undefined): { code: string; language?: string } {
  const code = pre?.children.find(
    (child): child is Element => child.type === "element" && child.tagName === "code",
  );
  const language = (code ? classesOf(code) : [])
    .find((name) => name.startsWith("language-"))
    ?.slice("language-".length);
  return { code: pre ? textOf(pre).replace(/\n$/, "") : "", language };
}

type Attributes = Record<string, string | number | boolean | null | undefined>;

/**
 * An element, for trees built by hand (pages without React: lib/share/page-html.ts),
 * with attributes as in JSX: `className` and `rel` one string each, to be serialised.
 */
export function element(
  tagName: string,
  attributes: Attributes = {},
  children: ElementContent[] = [],
): Element {
  return { type: "element", tagName, properties: attributes as Properties, children };
}

export const text = (value: string): Text => ({ type: "text", value });
