import { secondaryButton } from "@/components/ui/button-classes";
import { signInWithProvider } from "@/lib/actions/auth";

export function OAuthButtons({
  providers,
  next,
}: {
  providers: { id: string; name: string }[];
  next: string;
}) {
  if (providers.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      {providers.map((provider) => (
        <form key={provider.id} action={signInWithProvider}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="next" value={next} />
          <button type="submit" className={`${secondaryButton} w-full`}>
            Continue with {provider.name}
          </button>
        </form>
      ))}
    </div>
  );
}
