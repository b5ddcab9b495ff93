import { useEffect, useRef } from "react";

/**
 * A native <dialog>, shown as a modal while `open` (focus trapping, Escape and the inert
 * background come with it); `onShown` runs each time it opens.
 */
export function useModalDialog(open: boolean, onShown?: () => void) {
  const dialog = useRef<HTMLDialogElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs as `open` changes; onShown is read then
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      onShown?.();
    }
    if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}
