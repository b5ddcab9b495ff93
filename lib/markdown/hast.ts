import type { Element, ElementContent } from "hast";

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
