// --show-only patterns follow Go's path/filepath.Match (malformed patterns match nothing).
import { describe, expect, it } from 'vitest';
import { pathMatch } from '../../../src/helm/output/path-match.js';

const cases: [pattern: string, name: string, match: boolean][] = [
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[]a]', ']', false],
  ['[-]', '-', false],
  ['[x-]', 'x', false],
  ['\\', 'a', false],
  ['[a-b-c]', 'a', false],
  ['[', 'a', false],
  ['[^', 'a', false],
  ['a[', 'a', false],
  ['*x', 'xxx', true],
  ['templates/*', 'templates/a.yaml', true],
  ['templates/*', 'templates/sub/a.yaml', false],
  ['charts/*/templates/k.yaml', 'charts/kid/templates/k.yaml', true],
];

describe('pathMatch (filepath.Match)', () => {
  for (const [pattern, name, want] of cases) {
    it(`${JSON.stringify(pattern)} ~ ${JSON.stringify(name)} is ${want}`, () => {
      expect(pathMatch(pattern, name)).toBe(want);
    });
  }
});
