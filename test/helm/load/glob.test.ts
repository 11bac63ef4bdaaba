import { describe, expect, it } from 'vitest';
import { BAD_PATTERN, goMatch } from '../../../src/helm/load/glob.js';

describe('goMatch (Go path.Match)', () => {
  const cases: [string, string, boolean][] = [
    ['*.txt', 'a.txt', true],
    ['*.txt', 'dir/a.txt', false],
    ['*', 'abc', true],
    ['*', 'a/b', false],
    ['a*/b', 'abc/b', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['?', 'é', true],
    ['?', '/', false],
    ['a?c', 'abc', true],
    ['[a-c]x', 'bx', true],
    ['[^a-c]x', 'bx', false],
    ['[^a-c]x', 'dx', true],
    ['\\*', '*', true],
    ['\\*', 'a', false],
    ['templates/.?*', 'templates/.x', true],
    ['templates/.?*', 'templates/.', false],
    ['templates/.?*', 'templates/a', false],
    ['', '', true],
    ['', 'a', false],
  ];
  for (const [p, s, want] of cases) {
    it(`${JSON.stringify(p)} vs ${JSON.stringify(s)} -> ${want}`, () => expect(goMatch(p, s)).toBe(want));
  }
  for (const bad of ['[', 'a[', '[a-', '[]', 'x\\', '[a-]', 'abc[']) {
    it(`${JSON.stringify(bad)} is a bad pattern`, () => expect(() => goMatch(bad, 'abc')).toThrow(BAD_PATTERN));
  }
  it('reports a bad pattern even after a mismatch', () => {
    expect(() => goMatch('x[', 'abc')).toThrow(BAD_PATTERN);
  });
  it('is linear on hostile input', () => {
    const t = Date.now();
    expect(goMatch('*a*a*a*a*a*a*b', 'a'.repeat(2000))).toBe(false);
    expect(Date.now() - t).toBeLessThan(2000);
  });
});
