/**
 * Go regexp (RE2) for `pattern`, `patternProperties` and `format: regex`: both schema libraries
 * use Go's regexp package, so patterns are compiled with re2js (linear time, Go's syntax).
 */
import { RE2JS } from 're2js';

const cache = new Map<string, RE2JS | string>();

function compile(pattern: string): RE2JS | string {
  let hit = cache.get(pattern);
  if (hit === undefined) {
    try {
      hit = RE2JS.compile(pattern);
    } catch (e) {
      const err = e as { error?: string; input?: string | null };
      hit = `error parsing regexp: ${err.error ?? 'invalid pattern'}: \`${err.input ?? pattern}\``;
    }
    if (cache.size > 500) cache.clear();
    cache.set(pattern, hit);
  }
  return hit;
}

export function goRegexCompiles(pattern: string): boolean {
  return typeof compile(pattern) !== 'string';
}

/** Go's compile error text (`error parsing regexp: ...`), undefined when it compiles. */
export function goRegexError(pattern: string): string | undefined {
  const c = compile(pattern);
  return typeof c === 'string' ? c : undefined;
}

/** regexp.MatchString: unanchored search; a pattern that does not compile matches nothing. */
export function goRegexMatch(pattern: string, s: string): boolean {
  const c = compile(pattern);
  if (typeof c === 'string') return false;
  return c.matcher(s).find();
}
