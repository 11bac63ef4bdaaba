import { describe, expect, it } from 'vitest';
import { GoError } from '../../src/gotemplate/errors.js';
import { goTypeName, int } from '../../src/gotemplate/value.js';
import { regexFuncs } from '../../src/sprig/regex.js';
import { isNilCollection } from '../../src/yaml/jsontree.js';
import { caller } from './call.js';

const call = caller(regexFuncs);
const err = (f: () => unknown): { kind: string; message: string } => {
  try {
    f();
  } catch (e) {
    return { kind: e instanceof GoError ? 'error' : 'panic', message: (e as Error).message };
  }
  throw new Error('no error');
};

// Expected values measured with helm 3.17.3 and helm 4.1.4 (identical).
describe('compile errors', () => {
  it('regexMatch swallows them, mustRegexMatch returns the bare syntax error', () => {
    expect(call('regexMatch', '(?<=a)b', 'ab')).toBe(false);
    expect(err(() => call('mustRegexMatch', 'a(', 'x'))).toEqual({
      kind: 'error',
      message: 'error parsing regexp: missing closing ): `a(`',
    });
  });
  it('non-must forms panic with the MustCompile text', () => {
    expect(err(() => call('regexReplaceAll', '(?<=a)b', 'ab', 'x'))).toEqual({
      kind: 'panic',
      message: 'regexp: Compile(`(?<=a)b`): error parsing regexp: invalid named capture: `(?<=a)b`',
    });
    expect(err(() => call('regexFindAll', 'a(', 'x', int(1))).message).toBe(
      'regexp: Compile(`a(`): error parsing regexp: missing closing ): `a(`',
    );
    expect(err(() => call('regexReplaceAll', 'a`(', 'x', 'y')).message).toBe(
      'regexp: Compile("a`("): error parsing regexp: missing closing ): `a`(`',
    );
    expect(err(() => call('regexReplaceAll', 'a\n(', 'x', 'y')).message).toBe(
      'regexp: Compile("a\\n("): error parsing regexp: missing closing ): `a\n(`',
    );
    expect(err(() => call('regexReplaceAll', 'a\t(', 'x', 'y')).message).toBe(
      'regexp: Compile(`a\t(`): error parsing regexp: missing closing ): `a\t(`',
    );
  });
  it('must forms return the syntax error', () => {
    expect(err(() => call('mustRegexFindAll', 'a(', 'x', int(1)))).toEqual({
      kind: 'error',
      message: 'error parsing regexp: missing closing ): `a(`',
    });
    expect(err(() => call('mustRegexReplaceAll', 'a`(', 'x', 'y')).message).toBe(
      'error parsing regexp: missing closing ): `a`(`',
    );
  });
  it.each([
    ['a)', 'unexpected ): `a)`'],
    ['[a', 'missing closing ]: `[a`'],
    ['a**', 'invalid nested repetition operator: `**`'],
    ['*', 'missing argument to repetition operator: `*`'],
    ['a{1001}', 'invalid repeat count: `{1001}`'],
    ['\\', 'trailing backslash at end of expression: ``'],
    ['\\8', 'invalid escape sequence: `\\8`'],
    ['[z-a]', 'invalid character class range: `z-a`'],
    ['\\pX', 'invalid character class range: `\\pX`'],
    ['(?i', 'invalid or unsupported Perl syntax: `(?i`'],
    ['\\C', 'invalid escape sequence: `\\C`'],
    ['(?P<n!>a)', 'invalid named capture: `(?P<n!>`'],
    ['x{2}{3}', 'invalid nested repetition operator: `{2}{3}`'],
  ])('%s', (re, msg) => {
    expect(err(() => call('mustRegexMatch', re, 'x')).message).toBe('error parsing regexp: ' + msg);
  });
  it('accepts (?<name>) and repeated group names like Go', () => {
    expect(call('mustRegexMatch', '(?<n>a)', 'a')).toBe(true);
    expect(call('mustRegexMatch', '(?P<n>a)(?P<n>b)', 'x')).toBe(false);
    expect(call('regexReplaceAll', '(?P<n>a)(?P<n>b)', 'xaby', '[$n]')).toBe('x[a]y');
    expect(call('regexReplaceAll', '(?P<n>a)|(?P<n>b)', 'xaby', '[$n]')).toBe('x[a][b]y');
  });
});

describe('replacement templates', () => {
  it('$1W names group "1W"; ${1}W is group 1 then W', () => {
    expect(call('regexReplaceAll', 'a(x*)b', '-ab-axxb-', '${1}W')).toBe('-W-xxW-');
    expect(call('regexReplaceAll', 'a(x*)b', '-ab-axxb-', '$1W')).toBe('---');
  });
  it('named groups, $$, malformed references kept literally', () => {
    expect(call('regexReplaceAll', 'a(?P<nm>x*)b', '-ab-axxb-', '[$nm|$2|$$|$|${nm}|${1|$0]')).toBe(
      '-[||$|$||${1|ab]-[xx||$|$|xx|${1|axxb]-',
    );
    expect(call('regexReplaceAll', '(a)', 'xaby', '[$01|$1a|${1}a|$100|$x.y|${}|$]')).toBe('x[||aa||.y|${}|$]by');
  });
  it('literal replacement does not expand', () => {
    expect(call('regexReplaceAllLiteral', 'a(x*)b', '-ab-axxb-', '${1}W')).toBe('-${1}W-${1}W-');
  });
  it('empty matches', () => {
    expect(call('regexReplaceAll', 'a*', 'baaac', '-')).toBe('-b-c-');
    expect(call('regexReplaceAll', '', 'abc', '-')).toBe('-a-b-c-');
    expect(call('regexReplaceAll', '(?i)A', 'aA', 'x')).toBe('xx');
  });
});

describe('find and split', () => {
  it('regexFindAll honours n', () => {
    expect(call('regexFindAll', 'a.', 'abacadae', int(-1))).toEqual(['ab', 'ac', 'ad', 'ae']);
    expect(call('regexFindAll', 'a.', 'abacadae', int(0))).toEqual([]);
    expect(call('regexFindAll', 'a.', 'abacadae', int(2))).toEqual(['ab', 'ac']);
    expect(call('regexFindAll', 'a', 'aaaa', int(-5))).toEqual(['a', 'a', 'a', 'a']);
    expect(call('regexFindAll', 'a*', 'baaab', int(-1))).toEqual(['', 'aaa', '']);
    expect(call('regexFindAll', '', 'abc', int(-1))).toEqual(['', '', '', '']);
    expect(call('regexFindAll', 'a|', 'bab', int(-1))).toEqual(['', 'a', '']);
    expect(call('regexFindAll', 'é.', 'éaéb', int(-1))).toEqual(['éa', 'éb']);
    expect(goTypeName(call('regexFindAll', 'a', 'a', int(-1)))).toBe('[]string');
  });
  it('regexSplit follows Go Split', () => {
    expect(call('regexSplit', 'a', 'banana', int(-1))).toEqual(['b', 'n', 'n', '']);
    expect(call('regexSplit', 'a', 'banana', int(0))).toEqual([]);
    expect(call('regexSplit', 'a', 'banana', int(2))).toEqual(['b', 'nana']);
    expect(call('regexSplit', '', 'abc', int(-1))).toEqual(['a', 'b', 'c']);
    expect(call('regexSplit', 'x*', 'axbc', int(-1))).toEqual(['a', 'b', 'c']);
    expect(call('regexSplit', 'a', '', int(-1))).toEqual(['']);
    expect(call('regexSplit', '', '', int(-1))).toEqual([]);
    expect(call('regexSplit', 'a', 'aaa', int(-1))).toEqual(['', '', '', '']);
    expect(call('regexSplit', 'a', 'aaa', int(2))).toEqual(['', 'aa']);
    expect(call('regexSplit', '(a)', 'xay', int(-1))).toEqual(['x', 'y']);
    expect(call('regexSplit', 'a*', 'baaac', int(-1))).toEqual(['b', 'c']);
    expect(goTypeName(call('regexSplit', 'a', 'a', int(-1)))).toBe('[]string');
  });
  it('no match and n = 0 give a nil []string (toJson null)', () => {
    expect(isNilCollection(call('regexFindAll', 'a', 'aaa', int(0)))).toBe(true);
    expect(isNilCollection(call('regexFindAll', 'z', 'aaa', int(-1)))).toBe(true);
    expect(isNilCollection(call('regexSplit', ',', 'a,b', int(0)))).toBe(true);
    expect(isNilCollection(call('regexSplit', '', '', int(-1)))).toBe(false);
    expect(isNilCollection(call('regexFindAll', 'a', 'aaa', int(-1)))).toBe(false);
  });
  it('regexFind is leftmost-first', () => {
    expect(call('regexFind', 'b+', 'abbbc')).toBe('bbb');
    expect(call('regexFind', 'z', 'abbbc')).toBe('');
    expect(call('regexFind', 'a|ab', 'ab')).toBe('a');
    expect(call('regexMatch', 'a|ab', 'ab')).toBe(true);
  });
  it('RE2 syntax and flags', () => {
    expect(call('regexMatch', '\\Q.*\\E', 'a.*')).toBe(true);
    expect(call('regexFind', '\\bfoo\\b', 'a foo b')).toBe('foo');
    expect(call('regexFind', '(?s)a.b', 'a\nb')).toBe('a\nb');
    expect(call('regexFind', 'a.b', 'a\nb')).toBe('');
    expect(call('regexFind', '[[:alpha:]]+', '12abc3')).toBe('abc');
    expect(call('regexFind', '\\pL+', '12ébc3')).toBe('ébc');
    expect(call('regexFind', '(?U)a+', 'aaa')).toBe('a');
    expect(call('regexMatch', '^[a-z]+$', 'abc')).toBe(true);
  });
  it('regexQuoteMeta', () => {
    expect(call('regexQuoteMeta', 'a.b*c[d]$^\\{}|+?()')).toBe('a\\.b\\*c\\[d\\]\\$\\^\\\\\\{\\}\\|\\+\\?\\(\\)');
  });
});
