// The sections of docs/benchmarks.md: each script rewrites only its own, so that one
// benchmark run never throws away another's figures.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describeMachine, type MachineInfo } from "./machine";

export function markdownTable(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Updates the header's machine line; each section also names its own machine and date. */
export function writeDocMachine(file: string, m: MachineInfo): void {
  writeDocSection(file, "machine", `- ${describeMachine(m)}`);
}

const DOC_HEADER = `# Benchmarks

Figures from the \`npm run bench:*\` scripts (and \`npm run lighthouse\`). They build the app
into \`.next-bench\` (once; \`BENCH_REBUILD=1\` rebuilds), run \`next start\` on it, against a
scratch PostgreSQL database they seed and drop where they need one, drive it from the same
machine, and each rewrites only its own section below (between its \`bench:<name>\` markers).

They come from a shared 2-core machine where other builds and tests may be running, with
the load generator on the same machine as the server and the database: read them as orders
of magnitude and ratios within one run, not as capacity figures for production.

To rerun: start PostgreSQL, then \`npm run bench:<name>\` (\`BENCH_DATABASE_URL\` picks the
server, default \`postgres://postgres@127.0.0.1:5432/postgres\`; the user needs CREATEDB).

Machine of the latest run:
<!-- bench:machine:start -->
<!-- bench:machine:end -->
`;

/**
 * Replaces the text between `<!-- bench:<key>:start -->` and `<!-- bench:<key>:end -->`
 * in `file` (creating the file with the common header, or appending the section, if it
 * is not there yet). Other sections are left untouched.
 */
export function writeDocSection(file: string, key: string, content: string): void {
  const start = `<!-- bench:${key}:start -->`;
  const end = `<!-- bench:${key}:end -->`;
  const block = `${start}\n${content.trim()}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, "utf8") : DOC_HEADER;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
