/**
 * Splitting a rendered file into YAML documents as helm's SplitManifests does (reference
 * §2.10): the file is trimmed, split at every match of `(?:^|\s*\n)---\s*`, each piece trimmed,
 * empty pieces dropped. Hand-written (linear time) but with the regexp's exact semantics: the
 * separator must follow a newline (or be at the very start), it swallows all white space around
 * it, and `---` need not be followed by a newline (`---kind: X` splits). Two `---` lines in a row
 * leave a document that is the literal `---` (the first separator ate the newline the second one
 * needs).
 */
import { trimSpace } from '../../sprig/strings.js';



/** RE2's `\s`: [\t\n\f\r ]. */
function isRe2Space(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** The documents of one rendered file, in order (helm's SplitManifests values). */
export function splitManifests(text: string): string[] {
  const s = trimSpace(text);
  const out: string[] = [];
  const push = (piece: string): void => {
    if (piece !== '') out.push(trimSpace(piece));
  };
  let beg = 0;
  let from = 0;
  for (;;) {
    let start: number;
    let end: number;
    if (from === 0 && s.startsWith('---')) {
      start = 0;
      end = 3;
    } else {
      const nl = s.indexOf('\n---', from);
      if (nl < 0) break;
      start = nl;
      while (start > from && isRe2Space(s.charCodeAt(start - 1))) start--;
      end = nl + 4;
    }
    while (end < s.length && isRe2Space(s.charCodeAt(end))) end++;
    if (end !== 0) push(s.slice(beg, start));
    beg = end;
    from = end;
  }
  push(s.slice(beg));
  return out;
}
