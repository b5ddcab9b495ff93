import type { ReactNode } from "react";

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center gap-6 px-4 py-12">
      <a href="/" className="text-sm font-semibold tracking-tight">
        SkillMate Chats
      </a>
      <h1 className="text-2xl font-semibold">{title}</h1>
      {children}
    </main>
  );
}
