import { type RefObject, useLayoutEffect } from "react";

/** Grows a textarea with its text, up to `maxHeight` px; past that it scrolls. */
export function useAutoHeight(
  area: RefObject<HTMLTextAreaElement | null>,
  text: string,
  maxHeight: number,
) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height follows the text, which the effect reads from the element
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, maxHeight)}px`;
    el.style.overflowY = el.scrollHeight > maxHeight ? "auto" : "hidden";
  }, [text]);
}
