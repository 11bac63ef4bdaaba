import { describe, expect, it } from 'vitest';
import { HelmIgnore } from '../../../src/helm/load/helmignore.js';

// Each case was measured with helm 3.17.3 and 4.1.4 on a scratch chart (same result on both).
describe('.helmignore rules', () => {
  const ig = (text: string | undefined, path: string, isDir = false): boolean => HelmIgnore.parse(text).ignores(path, isDir);

  it('adds the default rule templates/.?*', () => {
    expect(ig(undefined, 'templates/.x.yaml')).toBe(true);
    expect(ig(undefined, 'templates/.hd', true)).toBe(true);
    expect(ig(undefined, 'templates/a.yaml')).toBe(false);
    expect(ig(undefined, '.hidden')).toBe(false);
    expect(ig(undefined, 'templates/sub/.x.yaml')).toBe(false);
  });
  it('a rule without a slash matches the base name at any depth', () => {
    expect(ig('*.txt', 'a.txt')).toBe(true);
    expect(ig('*.txt', 'files/sub/b.txt')).toBe(true);
    expect(ig('*.txt', 'a.yaml')).toBe(false);
  });
  it('a rule with a slash matches the whole path; a leading slash anchors it', () => {
    expect(ig('files/*.txt', 'files/a.txt')).toBe(true);
    expect(ig('files/*.txt', 'files/sub/b.txt')).toBe(false);
    expect(ig('/*.txt', 'a.txt')).toBe(true);
    expect(ig('/*.txt', 'files/a.txt')).toBe(false);
    expect(ig('/files/sub', 'files/sub', true)).toBe(true);
  });
  it('a trailing slash only matches directories', () => {
    expect(ig('files/', 'files', true)).toBe(true);
    expect(ig('files/', 'files', false)).toBe(false);
    expect(ig('sub/', 'templates/sub', true)).toBe(true);
  });
  it('skips comments and blank lines, trims spaces and CR', () => {
    const text = '# c\n\n  *.bak  \r\n[a-b].txt\n';
    expect(ig(text, 'x.bak')).toBe(true);
    expect(ig(text, 'a.txt')).toBe(true);
    expect(ig(text, 'c.txt')).toBe(false);
    expect(ig(text, '# c')).toBe(false);
  });
  it('drops a UTF-8 BOM on the first line', () => {
    expect(ig('\ufeff*.txt', 'a.txt')).toBe(true);
  });
  it("negation is helm's: every path the negated pattern does not match is ignored", () => {
    // '*.txt' then '!a.txt': Chart.yaml does not match 'a.txt', so helm ignores it.
    expect(ig('*.txt\n!a.txt', 'Chart.yaml')).toBe(true);
    expect(ig('*.txt\n!a.txt', 'a.txt')).toBe(true); // caught by *.txt first
    expect(ig('!a.txt', 'a.txt')).toBe(false);
    // a negated directory rule ignores every file
    expect(ig('!templates/', 'templates/a.yaml')).toBe(true);
  });
  it('refuses ** and malformed patterns with helm messages', () => {
    expect(() => HelmIgnore.parse('files/**')).toThrow('double-star (**) syntax is not supported');
    expect(() => HelmIgnore.parse('a[.txt')).toThrow('syntax error in pattern');
  });
  it('never ignores the chart root', () => {
    expect(ig('*', '')).toBe(false);
    expect(ig('*', '.')).toBe(false);
  });
});
