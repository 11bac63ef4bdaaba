/**
 * `.helmignore`: helm's own rule language (pkg/ignore), which only looks like .gitignore.
 *
 * - One rule a line; blank lines and lines starting with '#' are skipped; lines are trimmed.
 * - A rule containing `**` is an error; a rule that is not a valid Go `path.Match` pattern is an
 *   error (`syntax error in pattern`).
 * - A leading '!' negates, a trailing '/' means "directories only".
 * - A rule with a leading '/' or any other '/' matches the whole chart-relative path; a rule
 *   without '/' matches the base name.
 * - Rules are tried in order; the first matching positive rule ignores the path. A negated rule
 *   does NOT re-include: helm ignores every path the negated pattern does NOT match (and every
 *   non-directory when the negated rule is directory-only), and moves on when it matches.
 * - Helm always appends the default rule `templates/.?*`.
 */
import { trimSpace } from '../../sprig/strings.js';
import { checkPattern, goMatch } from './glob.js';

export const HELMIGNORE = '.helmignore';
const DEFAULT_RULES = ['templates/.?*'];

interface Rule {
  readonly pattern: string;
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly scope: 'path' | 'base';
}

export class HelmIgnoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HelmIgnoreError';
  }
}



function parseRule(line: string): Rule | null {
  let rule = trimSpace(line);
  if (rule === '' || rule.startsWith('#')) return null;
  if (rule.includes('**')) throw new HelmIgnoreError('double-star (**) syntax is not supported');
  try {
    checkPattern(rule);
  } catch (e) {
    throw new HelmIgnoreError(e instanceof Error ? e.message : String(e));
  }
  let negate = false;
  if (rule.startsWith('!')) {
    negate = true;
    rule = rule.slice(1);
  }
  let dirOnly = false;
  if (rule.endsWith('/')) {
    dirOnly = true;
    rule = rule.slice(0, -1);
  }
  if (rule.startsWith('/')) return { pattern: rule.slice(1), negate, dirOnly, scope: 'path' };
  if (rule.includes('/')) return { pattern: rule, negate, dirOnly, scope: 'path' };
  return { pattern: rule, negate, dirOnly, scope: 'base' };
}

/** Go's filepath.Base for a '/'-separated relative path. */
function baseName(p: string): string {
  let s = p;
  while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  if (s === '') return '.';
  const i = s.lastIndexOf('/');
  return i >= 0 && s !== '/' ? s.slice(i + 1) : s;
}

function matches(rule: Rule, path: string): boolean {
  const name = rule.scope === 'base' ? baseName(path) : path;
  try {
    return goMatch(rule.pattern, name);
  } catch {
    return false; // helm logs the failure and treats it as no match
  }
}

/** Parsed `.helmignore` rules plus helm's default rule. */
export class HelmIgnore {
  private constructor(private readonly rules: readonly Rule[]) {}

  /** Rules from a `.helmignore` text (a UTF-8 BOM on the first line is dropped), plus defaults. */
  static parse(text: string | undefined): HelmIgnore {
    const rules: Rule[] = [];
    if (text !== undefined) {
      const body = text.startsWith('\ufeff') ? text.slice(1) : text;
      for (const line of body.split('\n')) {
        const r = parseRule(line);
        if (r) rules.push(r);
      }
    }
    for (const d of DEFAULT_RULES) {
      const r = parseRule(d);
      if (r) rules.push(r);
    }
    return new HelmIgnore(rules);
  }

  /** Whether helm skips `path` (chart-relative, '/'-separated; a directory when `isDir`). */
  ignores(path: string, isDir: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const r of this.rules) {
      if (r.negate) {
        if (r.dirOnly && !isDir) return true;
        if (!matches(r, path)) return true;
        continue;
      }
      if (r.dirOnly && !isDir) continue;
      if (matches(r, path)) return true;
    }
    return false;
  }
}
