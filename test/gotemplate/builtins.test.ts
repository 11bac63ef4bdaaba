import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formatValue } from '../../src/gotemplate/fmt.js';
import { builtinFuncs, makeEq, makeLt, index, length, slice } from '../../src/gotemplate/builtins.js';
import { int, int64, GoInt, withType, STRING_SLICE_TYPE, STRING_MAP_TYPE, goTypeName, type GoValue } from '../../src/gotemplate/value.js';
import { utf8Decode, utf8Encode } from '../../src/gotemplate/bytes.js';
import { decodeMeasured, type Enc } from './helpers.js';

// Expected values and messages measured with helm 3.17.3 (helm3) and helm 4.1.4 (helm4).
const l: GoValue[] = [1, 'a', 2.5];
const m = new Map<string, GoValue>([
  ['b', 2],
  ['a', 'x'],
]);
const eq3 = makeEq('helm3');
const eq4 = makeEq('helm4');
const lt3 = makeLt('helm3');
const lt4 = makeLt('helm4');
const u8 = (n: number): GoInt => new GoInt('uint8', BigInt(n));

describe('eq', () => {
  it('is true when the first operand equals any of the others', () => {
    expect(eq3(int(1), int(2), int(3), int(1))).toBe(true);
    expect(eq3('a', 'b', 'a')).toBe(true);
    expect(eq3(int(1), int64(1))).toBe(true);
    expect(eq3(1.5, 1.5)).toBe(true);
    expect(eq3(true, true)).toBe(true);
    expect(eq3(null, null)).toBe(true);
    expect(eq3(int(1), int(1), l)).toBe(true); // stops before the bad operand
    expect(eq3(u8(195), int(195))).toBe(true);
  });
  it('compares a missing value (nil) to anything as unequal, without error', () => {
    expect(eq3(null, int(1))).toBe(false);
    expect(eq3(int(1), null)).toBe(false);
    expect(eq3(null, 'x')).toBe(false);
    expect(eq3(null, m)).toBe(false);
    expect(eq3([], null)).toBe(false);
    expect(eq3(null, [])).toBe(false);
    expect(eq3(l, null)).toBe(false);
  });
  it('compares strings as bytes (a character rebuilt from its cut bytes is equal)', () => {
    const bytes = utf8Encode('é');
    const rebuilt = utf8Decode(bytes.subarray(0, 1)) + utf8Decode(bytes.subarray(1));
    expect(eq3('é', rebuilt)).toBe(true);
  });
  it('refuses int against float64: helm4 names the types', () => {
    expect(() => eq3(int(1), 1)).toThrow(/^incompatible types for comparison$/);
    expect(() => eq4(int(1), 1)).toThrow(/^incompatible types for comparison: int and float64$/);
    expect(() => eq4('a', int(1))).toThrow(/^incompatible types for comparison: string and int$/);
    expect(() => eq4(int(1), m)).toThrow(/^incompatible types for comparison: int and map\[string\]interface \{\}$/);
    expect(() => eq4(m, int(1))).toThrow(/^incompatible types for comparison: map\[string\]interface \{\} and int$/);
    expect(() => eq4('héllo', l)).toThrow(/^incompatible types for comparison: string and \[\]interface \{\}$/);
    expect(() => eq4(int(1), int(2), l)).toThrow(/^incompatible types for comparison: int and \[\]interface \{\}$/);
  });
  it('refuses lists and maps', () => {
    expect(() => eq3(l, l)).toThrow(/^non-comparable type \[%!s\(float64=1\) a %!s\(float64=2\.5\)\]: \[\]interface \{\}$/);
    expect(() => eq3(m, m)).toThrow(/^non-comparable type map\[a:x b:%!s\(float64=2\)\]: map\[string\]interface \{\}$/);
    expect(() => eq3(l, withType(['a'], STRING_SLICE_TYPE))).toThrow(/^non-comparable type \[a\]: \[\]string$/);
    expect(() => eq3(m, new Map())).toThrow(/^non-comparable type map\[\]: map\[string\]interface \{\}$/);
    expect(() => eq3(l, m)).toThrow(
      'non-comparable types [%!s(float64=1) a %!s(float64=2.5)]: []interface {}, map[string]interface {}: map[a:x b:2]',
    );
  });
  it('needs a second operand', () => {
    expect(() => eq3(int(1))).toThrow(/^missing argument for comparison$/);
  });
});

describe('lt le gt ge', () => {
  it('orders numbers of one kind and strings by bytes', () => {
    expect(lt3(int(1), int(2))).toBe(true);
    expect(lt3('a', 'b')).toBe(true);
    expect(lt3(1.5, 2.5)).toBe(true);
    expect(lt3(int(1), int64(1))).toBe(false);
    expect(lt3(u8(195), int(200))).toBe(true);
    expect(lt3(int(-1), u8(195))).toBe(true);
    expect(lt3('z', 'é')).toBe(true);
    const e = utf8Encode('é');
    const rebuilt = utf8Decode(e.subarray(0, 1)) + utf8Decode(e.subarray(1));
    expect(lt3(rebuilt, 'é')).toBe(false);
    expect(lt3('é', rebuilt)).toBe(false);
  });
  it('gives invalid type for nil, bools and composites; incompatible types for int vs float', () => {
    expect(() => lt3(true, false)).toThrow(/^invalid type for comparison$/);
    expect(() => lt3(null, int(1))).toThrow(/^invalid type for comparison$/);
    expect(() => lt3(m, int(1))).toThrow(/^invalid type for comparison$/);
    expect(() => lt3(int(1), m)).toThrow(/^invalid type for comparison$/);
    expect(() => lt3(int(1), 1.5)).toThrow(/^incompatible types for comparison$/);
    expect(() => lt4(int(1), 1.5)).toThrow(/^incompatible types for comparison: int and float64$/);
  });
  it('derives le, gt, ge, ne as Go does (errors of lt first)', () => {
    const f = new Map(builtinFuncs('helm4').map((s) => [s.name, s.fn]));
    expect(f.get('le')?.(int(2), int(2))).toBe(true);
    expect(f.get('gt')?.('b', 'a')).toBe(true);
    expect(f.get('ge')?.(int(1), int64(1))).toBe(true);
    expect(() => f.get('ge')?.(true, true)).toThrow(/^invalid type for comparison$/);
    expect(() => f.get('gt')?.(int(1), 1.5)).toThrow(/^incompatible types for comparison: int and float64$/);
    expect(() => f.get('ne')?.(int(1), 1.5)).toThrow(/^incompatible types for comparison: int and float64$/);
    expect(f.get('ne')?.(null, '')).toBe(true);
    expect(f.get('ne')?.(l, null)).toBe(true);
  });
});

describe('not', () => {
  it('negates Go truth', () => {
    const not = builtinFuncs('helm3').find((s) => s.name === 'not')?.fn;
    expect([int(0), '', m, null, [], new Map()].map((v) => not?.(v))).toEqual([true, true, false, true, true, true]);
  });
});

describe('len', () => {
  it('counts bytes of strings, elements, entries, as int', () => {
    expect(length('héllo')).toEqual(int(6));
    expect(length(l)).toEqual(int(3));
    expect(length(m)).toEqual(int(2));
    expect(length([])).toEqual(int(0));
    expect(goTypeName(length('a'))).toBe('int');
  });
  it('errors on nil and scalars', () => {
    expect(() => length(null)).toThrow(/^len of nil pointer$/);
    expect(() => length(int(3))).toThrow(/^len of type int$/);
    expect(() => length(1.5)).toThrow(/^len of type float64$/);
    expect(() => length(true)).toThrow(/^len of type bool$/);
  });
});

describe('index', () => {
  it('indexes lists, maps, strings (bytes as uint8), at several levels', () => {
    expect(index(l, int(1))).toBe('a');
    expect(index(m, 'a')).toBe('x');
    expect(index(m, 'zz')).toBe(null);
    expect(index(withType(new Map([['a', 'x']]), STRING_MAP_TYPE), 'zz')).toBe('');
    expect(index('abc', int(1))).toEqual(u8(98));
    expect(index(m)).toBe(m);
    expect(index([[int(1), int(2)]], int(0), int(1))).toEqual(int(2));
    expect(index(new Map<string, GoValue>([['m', m]]), 'm', 'b')).toBe(2);
    expect(index(l, int64(1))).toBe('a');
    expect(index(l, u8(1))).toBe('a');
  });
  it('gives Go messages for bad indexes', () => {
    expect(() => index(l, int(10))).toThrow(/^index out of range: 10$/);
    expect(() => index(l, int(-1))).toThrow(/^index out of range: -1$/);
    expect(() => index(l, int(3))).toThrow(/^reflect: slice index out of range$/);
    expect(() => index('abc', int(3))).toThrow(/^reflect: string index out of range$/);
    expect(() => index(null, int(1))).toThrow(/^index of untyped nil$/);
    expect(() => index(l, 'a')).toThrow(/^cannot index slice\/array with type string$/);
    expect(() => index(l, 1)).toThrow(/^cannot index slice\/array with type float64$/);
    expect(() => index(l, true)).toThrow(/^cannot index slice\/array with type bool$/);
    expect(() => index(l, null)).toThrow(/^cannot index slice\/array with nil$/);
    expect(() => index(m, int(1))).toThrow(/^value has type int; should be string$/);
    expect(() => index(m, null)).toThrow(/^value is nil; should be of type string$/);
    expect(() => index(int(5), int(1))).toThrow(/^can't index item of type int$/);
    expect(() => index(m, 'a', 'b')).toThrow(/^cannot index slice\/array with type string$/);
    expect(() => index([null], int(0), int(1))).toThrow(/^index of nil pointer$/);
  });
});

describe('slice (Go builtin)', () => {
  it('slices strings by bytes and lists', () => {
    expect(slice('abcdef', int(1), int(3))).toBe('bc');
    expect(slice(l, int(1))).toEqual(['a', 2.5]);
    expect(slice('abc')).toBe('abc');
    expect(() => slice('abc', int(2), int(1))).toThrow(/^invalid slice index: 2 > 1$/);
    expect(() => slice('abc', int(0), int(1), int(2))).toThrow(/^cannot 3-index slice a string$/);
    expect(() => slice(null)).toThrow(/^slice of untyped nil$/);
    expect(() => slice(int(1))).toThrow(/^can't slice item of type int$/);
  });
});

describe('print family and escapers', () => {
  const f = new Map(builtinFuncs('helm3').map((s) => [s.name, s.fn]));
  it('html, js, urlquery escape as Go does, nil operands read <no value>', () => {
    expect(f.get('html')?.(`<a href='x'>&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;');
    expect(f.get('js')?.('a\'b"c<d>e&f=g\\h\ni\u2028j')).toBe('a\\\'b\\"c\\u003Cd\\u003Ee\\u0026f\\u003Dg\\\\h\\u000Ai\\u2028j');
    expect(f.get('urlquery')?.('a+b&c d/é')).toBe('a%2Bb%26c+d%2F%C3%A9');
    expect(f.get('html')?.(int(1), int(2), 'x', null)).toBe('1 2x&lt;no value&gt;');
    expect(f.get('js')?.(int(1), null)).toBe('1\\u003Cno value\\u003E');
    expect(f.get('urlquery')?.(null)).toBe('%3Cno+value%3E');
    expect(f.get('js')?.('\x01\x1f\u00e9\u{1F600}\u00a0`')).toBe('\\u0001\\u001Fé\u{1F600}\\u00A0`');
    expect(f.get('urlquery')?.("~-_.!*'()")).toBe('~-_.%21%2A%27%28%29');
    const cut = utf8Decode(new Uint8Array([0xc3]));
    expect(f.get('js')?.(cut)).toBe(cut);
    expect(f.get('html')?.(cut)).toBe(cut);
  });
  it('print, printf, println', () => {
    expect(f.get('print')?.(int(1), int(2), 'a', 'b', int(3))).toBe('1 2ab3');
    expect(f.get('printf')?.('%d-%s', int(1), 'x')).toBe('1-x');
    expect(f.get('println')?.(int(1), 'a', null)).toBe('1 a <nil>\n');
  });
});

describe('builtins against measured helm output (random operands)', () => {
  const fixture = JSON.parse(readFileSync(new URL('./fixtures/builtins-measured.json', import.meta.url), 'utf8')) as {
    calls: ([string, Enc[], string] | [string, Enc[], string, string])[];
  };
  for (const compat of ['helm3', 'helm4'] as const) {
    it(`${fixture.calls.length} calls, ${compat}`, () => {
      const fns = new Map(builtinFuncs(compat).map((s) => [s.name, s.fn]));
      const bad = fixture.calls.filter((row) => {
        const want = compat === 'helm4' && row.length === 4 ? row[3] : row[2];
        let got: string;
        try {
          got = formatValue((fns.get(row[0]) as (...a: GoValue[]) => GoValue)(...row[1].map(decodeMeasured)));
        } catch (e) {
          got = 'ERR ' + (e as Error).message;
        }
        return got !== want;
      });
      expect(bad).toEqual([]);
    });
  }
});

describe('escapers on byte strings', () => {
  it('see bytes joined back into a character as that character (js escapes a rebuilt U+2028)', () => {
    const ls = utf8Encode('\u2028');
    const rebuilt = utf8Decode(ls.subarray(0, 1)) + utf8Decode(ls.subarray(1));
    const js = builtinFuncs('helm3').find((s) => s.name === 'js')?.fn;
    expect(js?.(rebuilt)).toBe('\\u2028');
  });
});
