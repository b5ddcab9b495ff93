import { useCallback, useInsertionEffect, useRef } from "react";

/**
 * A function whose identity never changes and that always calls the latest `fn`: memoized
 * children (MessageItem) get it as a prop, so a parent's new closure does not re-render
 * them. Only for event handlers, never during render.
 */
export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R) {
  const latest = useRef(fn);
  // Before any layout effect or event of this commit can call it.
  useInsertionEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
