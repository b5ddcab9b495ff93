import type { Element, ElementContent } from "hast";

// The few lucide icons that pages without React show (shared pages), as hast: lucide's
// own shapes and attributes (lucide-react renders the same markup).
const SHAPES = {
  copy: [
    ["rect", { width: "14", height: "14", x: "8", y: "8", rx: "2", ry: "2" }],
    ["path", { d: "M4 16c-1.1 0-2-.9-2-2V4c0-1.1.9-2 2-2h10c1.1 0 2 .9 2 2" }],
  ],
  check: [["path", { d: "M20 6 9 17l-5-5" }]],
  "link-2": [
    ["path", { d: "M9 17H7A5 5 0 0 1 7 7h2" }],
    ["path", { d: "M15 7h2a5 5 0 1 1 0 10h-2" }],
    ["line", { x1: "8", x2: "16", y1: "12", y2: "12" }],
  ],
  "message-square-plus": [
    [
      "path",
      {
        d: "M22 17a2 2 0 0 1-2 2H6.828a2 2 0 0 0-1.414.586l-2.202 2.202A.71.71 0 0 1 2 21.286V5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2z",
      },
    ],
    ["path", { d: "M12 8v6" }],
    ["path", { d: "M9 11h6" }],
  ],
} satisfies Record<string, [string, Record<string, string>][]>;

export type IconName = keyof typeof SHAPES;

/** An icon, hidden from assistive technology: the control it sits in is named in words. */
export function icon(
  name: IconName,
  size: number,
  { className, hidden }: { className?: string; hidden?: boolean } = {},
): Element {
  return {
    type: "element",
    tagName: "svg",
    properties: {
      xmlns: "http://www.w3.org/2000/svg",
      width: String(size),
      height: String(size),
      viewBox: "0 0 24 24",
      fill: "none",
      stroke: "currentColor",
      strokeWidth: "2",
      strokeLinecap: "round",
      strokeLinejoin: "round",
      className: ["lucide", `lucide-${name}`, ...(className ? [className] : [])],
      ariaHidden: "true",
      hidden,
    },
    children: SHAPES[name].map(
      ([tagName, properties]): ElementContent => ({
        type: "element",
        tagName,
        properties,
        children: [],
      }),
    ),
  };
}
