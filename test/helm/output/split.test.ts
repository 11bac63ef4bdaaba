// The hand-written splitter against the regexp helm uses, `(?:^|\s*\n)---\s*` with Go's
// Split semantics, on random texts made of the characters that matter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitManifests } from '../../../src/helm/output/split.js';
import { trimSpace as goTrimSpace } from '../../../src/sprig/strings.js';

/**
 * SplitManifests with the regexp itself: leftmost match from each position (sticky), as Go's
 * FindAll; RE2's \s is [\t\n\f\r ]; `^` without the m flag matches only at 0 in both.
 */
function reference(text: string): string[] {
  const s = goTrimSpace(text);
  const re = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/y;
  const pieces: string[] = [];
  let beg = 0;
  let i = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) {
      i++;
      continue;
    }
    pieces.push(s.slice(beg, i));
    beg = i + m[0].length;
    i = beg;
  }
  pieces.push(s.slice(beg));
  return pieces.filter((p) => p !== '').map(goTrimSpace);
}

describe('splitManifests', () => {
  it('agrees with the regexp on random texts', () => {
    const ch = fc.constantFrom('-', '-', '-', '\n', '\n', ' ', '\t', 'a', '#', '\r');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        expect(splitManifests(text)).toEqual(reference(text));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('keeps helm\'s quirks', () => {
    expect(splitManifests('---kind: X')).toEqual(['kind: X']);
    expect(splitManifests('a\n---\n---\nb')).toEqual(['a', '---\nb']);
    expect(splitManifests('a\n---\n---\n---\nb')).toEqual(['a', '---', 'b']);
    expect(splitManifests('a\n ---\nb')).toEqual(['a\n ---\nb']);
    expect(splitManifests('  \n\t')).toEqual([]);
  });

  it('is linear on long white space runs', () => {
    const t = performance.now();
    splitManifests(`x${' '.repeat(200000)}${'\n'.repeat(200000)} y`);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
