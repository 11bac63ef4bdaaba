/**
 * Hook annotations (reference §2.10): a document whose `metadata.annotations` has
 * `helm.sh/hook` is a hook; its comma-separated events are trimmed and lower-cased; an unknown
 * event drops the document with a log line (helm 3: Go log with file:line, helm 4: slog text).
 */
import type { Compat } from '../../gotemplate/template.js';
import { quote } from '../../gotemplate/strconv.js';
import { isSpace } from '../../sprig/unicode.js';

export const HOOK_ANNOTATION = 'helm.sh/hook';

const EVENTS: ReadonlyMap<string, string> = new Map([
  ['pre-install', 'pre-install'],
  ['post-install', 'post-install'],
  ['pre-delete', 'pre-delete'],
  ['post-delete', 'post-delete'],
  ['pre-upgrade', 'pre-upgrade'],
  ['post-upgrade', 'post-upgrade'],
  ['pre-rollback', 'pre-rollback'],
  ['post-rollback', 'post-rollback'],
  ['test', 'test'],
  // Helm 2's name for test hooks, still accepted.
  ['test-success', 'test'],
]);

/** The events of a hook annotation value, or undefined when one of them is unknown. */
export function hookEvents(value: string): string[] | undefined {
  const out: string[] = [];
  for (const part of value.split(',')) {
    const e = EVENTS.get(part.trim().toLowerCase());
    if (e === undefined) return undefined;
    out.push(e);
  }
  return out;
}

/** The stderr line helm writes when it skips a document with an unknown hook. */
export function unknownHookLog(value: string, compat: Compat): string {
  if (compat === 'helm3') return `manifest_sorter.go:190: info: skipping unknown hook: ${quote(value)}\n`;
  return `level=INFO msg="skipping unknown hooks" hookTypes=${slogValue(value)}\n`;
}

/** slog's text handler: a string is quoted when empty or when it has spaces, `"`, `=` or unprintables. */
function slogValue(s: string): string {
  if (s === '') return '""';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (isSpace(c) || ch === '"' || ch === '=' || c < 0x20 || c === 0x7f || c === 0xfffd) return quote(s);
  }
  return s;
}
