const SUGGESTIONS = [
  "I want to learn to play guitar. Where do I start?",
  "Make me a 4-week plan to learn Python basics",
  "How can I get better at public speaking?",
];

export function EmptyChat({ busy, onPick }: { busy: boolean; onPick: (text: string) => void }) {
  return (
    <div className="flex flex-col items-center gap-4 py-12 text-center sm:py-20">
      <h2 className="text-2xl font-semibold tracking-tight">What do you want to learn?</h2>
      <p className="max-w-md text-zinc-600 dark:text-zinc-400">
        Tell SkillMate about a skill and where you are starting from. It will help you plan,
        practise and keep going.
      </p>
      <ul className="flex flex-col gap-2 sm:max-w-xl">
        {SUGGESTIONS.map((s) => (
          <li key={s}>
            <button
              type="button"
              disabled={busy}
              onClick={() => onPick(s)}
              className="w-full rounded-xl border border-zinc-300 px-4 py-2 text-left text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {s}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
