"use client";

import { useId, useRef, useState } from "react";
import { primaryButton, secondaryButton } from "@/components/ui/button-classes";
import { ApiError } from "@/lib/client/chats-api";
import { type ImportUpload, uploadImport } from "@/lib/client/import-api";
import type { ImportResultOut } from "@/lib/validation/import";

type State =
  | { step: "idle" }
  | { step: "sending"; sent: number }
  | { step: "done"; result: ImportResultOut }
  | { step: "failed"; message: string; details: string[] };

const REASONS: Record<ImportResultOut["skipped"][number]["reason"], string> = {
  already_imported: "already imported",
  empty: "no messages to import",
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Imports ChatGPT's conversations.json or a SkillMate export into the caller's chats,
 * showing the upload's progress, then what was imported and what was skipped and why.
 */
export function ImportChats() {
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const upload = useRef<ImportUpload | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ step: "idle" });

  async function start() {
    if (!file) return;
    setState({ step: "sending", sent: 0 });
    const current = uploadImport(file, (sent) =>
      setState((s) => (s.step === "sending" ? { step: "sending", sent } : s)),
    );
    upload.current = current;
    try {
      const result = await current.result;
      setState({ step: "done", result });
      setFile(null);
      if (input.current) input.current.value = "";
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === "aborted") return setState({ step: "idle" });
      setState({
        step: "failed",
        message: error.message,
        // The server's message already says what its one issue says: shown once.
        details: (error.issues ?? [])
          .filter((i) => !error.message.includes(i.message))
          .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)),
      });
    } finally {
      upload.current = null;
    }
  }

  const sending = state.step === "sending";
  return (
    <div>
      <label htmlFor={inputId} className="block text-sm font-medium">
        File to import
      </label>
      <p id={hintId} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        ChatGPT&apos;s <code>conversations.json</code> (from its data export), or a SkillMate export
        (<code>.ndjson</code> or <code>.json</code>). Importing the same file again adds only what
        is new.
      </p>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept=".json,.ndjson,application/json,application/x-ndjson"
        aria-describedby={hintId}
        disabled={sending}
        onChange={(event) => {
          setFile(event.target.files?.[0] ?? null);
          setState({ step: "idle" });
        }}
        className="mt-2 block w-full text-sm file:mr-3 file:rounded-lg file:border file:border-zinc-300 file:bg-transparent file:px-3 file:py-1.5 file:text-sm file:font-medium dark:file:border-zinc-700"
      />
      <div className="mt-3 flex gap-2">
        <button
          type="button"
          className={primaryButton}
          disabled={!file || sending}
          onClick={() => void start()}
        >
          {sending ? "Importing…" : "Import chats"}
        </button>
        {sending ? (
          <button type="button" className={secondaryButton} onClick={() => upload.current?.abort()}>
            Cancel
          </button>
        ) : null}
      </div>
      {sending ? (
        <div className="mt-3">
          <progress className="w-full" max={1} value={state.sent} aria-label="Upload progress" />
          <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {state.sent < 1
              ? `Uploading… ${Math.round(state.sent * 100)}%`
              : "Uploaded; importing the chats…"}
          </p>
        </div>
      ) : null}
      {state.step === "done" ? <ImportSummary result={state.result} /> : null}
      {state.step === "failed" ? (
        <div role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
          <p>{state.message}</p>
          {state.details.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {state.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          ) : null}
          <p className="mt-1">Nothing from this file was imported.</p>
        </div>
      ) : null}
    </div>
  );
}

function ImportSummary({ result }: { result: ImportResultOut }) {
  return (
    <div role="status" className="mt-3 text-sm">
      <p className="font-medium">
        Imported {plural(result.imported, "chat", "chats")} with{" "}
        {plural(result.messages, "message", "messages")}
        {result.updated > 0
          ? `; ${plural(result.updated, "chat imported before", "chats imported before")} got new messages`
          : ""}
        .
      </p>
      {result.messages_left_out > 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">
          Left out: {plural(result.messages_left_out, "message", "messages")} that were system or
          tool messages, hidden, not text, or on a branch you did not keep.
        </p>
      ) : null}
      {result.skipped.length > 0 ? (
        <details className="mt-2">
          <summary>
            Skipped {plural(result.skipped.length, "conversation", "conversations")}
          </summary>
          <ul className="mt-1 list-disc pl-5">
            {result.skipped.map((s) => (
              <li key={`${s.id}-${s.reason}`}>
                {s.title ?? s.id}: {REASONS[s.reason]}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
