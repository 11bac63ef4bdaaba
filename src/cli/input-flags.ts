/**
 * What the commands that compose an IstioOperator share: repeatable flags (`-f`, `--set`) and
 * reading the `-f` files (`-` is standard input) into compose input, reporting every file that
 * cannot be read at once.
 */
import type { ComposeFile } from '../operator/compose/compose.js';
import { formatIssue, type Issue } from '../operator/issues.js';
import type { CliContext } from './io.js';
import { readUserFile } from './read-file.js';

/** commander's collector for a repeatable option. */
export function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Prints the issues (one `file:line:col: severity: ...` line each) and sets exit code 1. */
export function failWithIssues(ctx: CliContext, issues: readonly Issue[]): void {
  for (const i of issues) ctx.io.stderr(`${formatIssue(i)}\n`);
  ctx.setExitCode(1);
}

/** The files as compose input; undefined (every problem printed, exit code 1) when one cannot be read. */
export function readComposeFiles(ctx: CliContext, paths: readonly string[]): ComposeFile[] | undefined {
  const files: ComposeFile[] = [];
  const issues: Issue[] = [];
  for (const p of paths) {
    const r = readUserFile(ctx.cwd, p);
    if (r.ok) files.push({ name: r.name, text: new TextDecoder().decode(r.bytes) });
    else issues.push({ severity: 'error', code: 'cannot-read-file', path: '', message: `cannot read ${p}: ${r.why}` });
  }
  if (issues.length > 0) {
    failWithIssues(ctx, issues);
    return undefined;
  }
  return files;
}
