/**
 * The warnings helm prints to stderr while it coalesces values and processes dependencies, as
 * data, and their exact stderr lines per helm version.
 *
 * helm 3.17.3 prints them with Go's `log` package (`file.go:LINE: message`); helm 4.1.4 with
 * slog's text handler (`level=INFO msg="..."` for coalescing, `level=WARN msg=... key=value`
 * for dependencies). Lines, levels and texts below were measured on both binaries.
 */
import { formatValue } from '../../gotemplate/fmt.js';
import { quote } from '../../gotemplate/strconv.js';
import type { Compat } from '../../gotemplate/template.js';
import type { GoValue } from '../../gotemplate/value.js';

export type ValuesWarning =
  /** A user/parent table over a chart default that is not a table (the user's table is kept). */
  | { readonly kind: 'not-a-table'; readonly key: string }
  /** A non-table over a chart default table (the non-table is kept). */
  | { readonly kind: 'table-over-non-table'; readonly key: string; readonly value: GoValue }
  /** A table over a non-table default deeper down (the table is kept). */
  | { readonly kind: 'non-table-over-table'; readonly key: string; readonly value: GoValue }
  | { readonly kind: 'globals-destination-not-table' }
  | { readonly kind: 'globals-source-not-table' }
  | { readonly kind: 'globals-map-onto-non-map'; readonly key: string }
  | { readonly kind: 'globals-key-is-table'; readonly key: string }
  | { readonly kind: 'condition-non-bool'; readonly path: string; readonly chart: string }
  | { readonly kind: 'tag-non-bool'; readonly tag: string; readonly chart: string }
  | { readonly kind: 'import-missing-table'; readonly chart: string; readonly error: string }
  | { readonly kind: 'import-missing-export'; readonly error: string }
  /** helm 4 logs the failure of dependency processing before it prints the error. */
  | { readonly kind: 'dependencies-failed'; readonly error: string };

/** log/slog's text handler: does a value need quoting? */
function needsQuoting(s: string): boolean {
  if (s === '') return true;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x20 || c === 0x3d || c === 0x22 || c < 0x20) return true;
    if (c >= 0x80 && (c === 0xfffd || /[\p{C}\p{Z}]/u.test(ch))) return true;
  }
  return false;
}

function slogValue(s: string): string {
  return needsQuoting(s) ? quote(s) : s;
}

function slogLine(level: 'INFO' | 'WARN' | 'ERROR', msg: string, attrs: readonly [string, string][] = []): string {
  let line = `level=${level} msg=${slogValue(msg)}`;
  for (const [k, v] of attrs) line += ` ${k}=${slogValue(v)}`;
  return line + '\n';
}

/** The text helm's coalescing code passes to its printf (both versions use the same text). */
function coalesceMessage(w: ValuesWarning): { line: number; msg: string } | undefined {
  switch (w.kind) {
    case 'not-a-table':
      return { line: 237, msg: `warning: skipped value for ${w.key}: Not a table.` };
    case 'table-over-non-table':
      return { line: 298, msg: `warning: cannot overwrite table with non table for ${w.key} (${formatValue(w.value)})` };
    case 'non-table-over-table':
      return {
        line: 301,
        msg: `warning: destination for ${w.key} is a table. Ignoring non-table value (${formatValue(w.value)})`,
      };
    case 'globals-destination-not-table':
      return { line: 138, msg: 'warning: skipping globals because destination global is not a table.' };
    case 'globals-source-not-table':
      return { line: 145, msg: 'warning: skipping globals because source global is not a table.' };
    case 'globals-map-onto-non-map':
      return { line: 161, msg: `Conflict: cannot merge map onto non-map for ${quote(w.key)}. Skipping.` };
    case 'globals-key-is-table':
      return { line: 175, msg: `key ${w.key} is table. Skipping` };
    default:
      return undefined;
  }
}

/** The exact stderr line (newline included) helm prints for a warning; '' when it prints none. */
export function formatValuesWarning(w: ValuesWarning, compat: Compat): string {
  const c = coalesceMessage(w);
  if (c !== undefined) return compat === 'helm3' ? `coalesce.go:${c.line}: ${c.msg}\n` : slogLine('INFO', c.msg);
  switch (w.kind) {
    case 'condition-non-bool':
      return compat === 'helm3'
        ? `dependencies.go:63: Warning: Condition path '${w.path}' for chart ${w.chart} returned non-bool value\n`
        : slogLine('WARN', 'returned non-bool value', [
            ['path', w.path],
            ['chart', w.chart],
          ]);
    case 'tag-non-bool':
      return compat === 'helm3'
        ? `dependencies.go:94: Warning: Tag '${w.tag}' for chart ${w.chart} returned non-bool value\n`
        : slogLine('WARN', 'returned non-bool value', [
            ['tag', w.tag],
            ['chart', w.chart],
          ]);
    case 'import-missing-table':
      return compat === 'helm3'
        ? `dependencies.go:269: Warning: ImportValues missing table from chart ${w.chart}: ${w.error}\n`
        : slogLine('WARN', 'ImportValues missing table from chart', [
            ['chart', w.chart],
            ['error', w.error],
          ]);
    case 'import-missing-export':
      return compat === 'helm3'
        ? `dependencies.go:286: Warning: ImportValues missing table: ${w.error}\n`
        : slogLine('WARN', 'ImportValues missing table', [['error', w.error]]);
    case 'dependencies-failed':
      return compat === 'helm3' ? '' : slogLine('ERROR', 'chart dependencies processing failed', [['error', w.error]]);
    default:
      return '';
  }
}
