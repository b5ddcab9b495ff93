import { secondaryButton } from "./button-classes";

/** The button above a list that acts on all of it (Unshare all, Unarchive all). */
export function BulkAction({
  label,
  busy,
  onClick,
}: {
  label: string;
  busy: boolean;
  onClick: () => void;
}) {
  return (
    <div className="mt-2 flex justify-end">
      <button type="button" className={secondaryButton} disabled={busy} onClick={onClick}>
        {label}
      </button>
    </div>
  );
}
