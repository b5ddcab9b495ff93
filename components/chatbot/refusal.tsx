/** Why the last message was not sent, said where its text came back: at the composer. */
export function Refusal({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p
      role="alert"
      className="mb-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
    >
      {text}
    </p>
  );
}
