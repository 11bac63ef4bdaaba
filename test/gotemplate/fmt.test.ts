import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sprint, sprintf, sprintln, formatValue, templatePrintable } from '../../src/gotemplate/fmt.js';
import { htmlEscaper } from '../../src/gotemplate/escape.js';
import { int, int64, GoInt, withType, STRING_SLICE_TYPE, GoStruct, type GoValue } from '../../src/gotemplate/value.js';
import { utf8Decode } from '../../src/gotemplate/bytes.js';
import { decodeMeasured, type Enc } from './helpers.js';

// Values as a values file gives them: numbers are float64.
const l: GoValue[] = [1, 'a', 2.5];
const m = new Map<string, GoValue>([
  ['b', 2],
  ['a', 'x'],
]);
const u8 = (n: number): GoInt => new GoInt('uint8', BigInt(n));

// Every expected string below was measured with helm 3.17.3 and helm 4.1.4 (identical in both).
describe('%v of every value', () => {
  it('prints float64 as strconv g with the shortest digits, exponent iff exp < -4 or exp >= 6 (21 for the threshold is wrong)', () => {
    expect([1e6, 1e21, 123456789.0, 0.00001, 3, 1.5, 123456, 1234567, 1e-7].map((x) => formatValue(x))).toEqual([
      '1e+06',
      '1e+21',
      '1.23456789e+08',
      '1e-05',
      '3',
      '1.5',
      '123456',
      '1.234567e+06',
      '1e-07',
    ]);
  });
  it('prints composites: lists, maps sorted by key, nil, bool', () => {
    expect(sprint(int(1), int(2), 'a', 'b', int(3), null, l, m)).toBe('1 2ab3 <nil> [1 a 2.5] map[a:x b:2]');
    expect(sprint(null)).toBe('<nil>');
    expect(sprint(null, null)).toBe('<nil> <nil>');
    expect(sprint('a', null)).toBe('a<nil>');
    expect(sprint([null])).toBe('[<nil>]');
    expect(sprintln(int(1), 'a', null)).toBe('1 a <nil>\n');
  });
  it('prints []byte as numbers with %v and as text with %s', () => {
    const b = new Uint8Array([97, 98]);
    expect(sprintf('%v|%s|%x|%q|%d', b, b, b, b, b)).toBe('[97 98]|ab|6162|"ab"|[97 98]');
  });
  it('prints []byte (.Files.GetBytes) with every verb as measured', () => {
    const b = new Uint8Array([104, 105, 195]);
    const cut = utf8Decode(new Uint8Array([195]));
    expect(sprintf('%s|%x|%X|% x|%q|%v|%d|%o|%5v|%#v|%T|%.1s|%8s|%c|%U|%e', ...Array<GoValue>(16).fill(b))).toBe(
      `hi${cut}|6869c3|6869C3|68 69 c3|"hi\\xc3"|[104 105 195]|[104 105 195]|[150 151 303]|[  104   105   195]|[]byte{0x68, 0x69, 0xc3}|[]uint8|h|     hi${cut}|[h i Ã]|[U+0068 U+0069 U+00C3]|[%!e(uint8=104) %!e(uint8=105) %!e(uint8=195)]`,
    );
    expect(sprintf('%v|%s|%#v', [b], [b], [b])).toBe(`[[104 105 195]]|[hi${cut}]|[]interface {}{[]uint8{0x68, 0x69, 0xc3}}`);
  });
  it('prints structs and pointers to structs', () => {
    const s = new GoStruct({ name: 'chartutil.KubeVersion', kind: 'struct' }, new Map<string, GoValue>([['Version', 'v1.32.0'], ['Major', '1'], ['Minor', '32']]));
    expect(formatValue(s)).toBe('{v1.32.0 1 32}');
    expect(sprintf('%+v', s)).toBe('{Version:v1.32.0 Major:1 Minor:32}');
    const p = new GoStruct(s.type, s.fields, true);
    expect(formatValue(p)).toBe('&{v1.32.0 1 32}');
  });
});

describe('Sprintf', () => {
  const cases: [string, GoValue[], string][] = [
    ['%5.2f|%x|%q', [3.14159, 'hi', 'a"b'], ' 3.14|6869|"a\\"b"'],
    ['%.0f %.0f %.0f %.1f', [0.5, 1.5, 2.5, 0.25], '0 2 2 0.2'],
    ['%v %d', [1e6, 1e6], '1e+06 %!d(float64=1e+06)'],
    ['%d %s', [null], '%!d(<nil>) %!s(MISSING)'],
    ['%d', [int(1), int(2)], '1%!(EXTRA int=2)'],
    ['%!', [], '%!!(MISSING)'],
    ['%', [], '%!(NOVERB)'],
    ['%[3]d', [int(1)], '%!d(BADINDEX)'],
    ['%*d', ['x', int(1)], '%!(BADWIDTH)1'],
    ['%#v|%#v|%#v|%#v|%#v', [1, 1e6, 1.5, int(1), 'x'], '1|1e+06|1.5|1|"x"'],
    ['%#v', [m], 'map[string]interface {}{"a":"x", "b":2}'],
    ['%#v', [l], '[]interface {}{1, "a", 2.5}'],
    ['%#v', [null], '<nil>'],
    ['%+v', [m], 'map[a:x b:2]'],
    [
      '%05s|%-05d|%05d|%-5d|%+05d|% d|%x|%X|%#x|%#o|%O|%b|%c|%q|%U|%#U',
      ['ab', int(3), int(-3), int(3), int(3), int(3), int(-255), int(255), int(255), int(8), int(8), int(5), int(233), int(233), int(233), int(233)],
      "000ab|3    |-0003|3    |+0003| 3|-ff|FF|0xff|010|0o10|101|é|'é'|U+00E9|U+00E9 'é'",
    ],
    ['%d|%s|%x', [m, l, l], 'map[%!d(string=a):%!d(string=x) %!d(string=b):%!d(float64=2)]|[%!s(float64=1) a %!s(float64=2.5)]|[0x1p+00 61 0x1.4p+01]'],
    ['%5v|%-5v|%05v', [[int(1), 'a'], [int(1), 'a'], [int(1), 'a']], '[    1     a]|[1     a    ]|[00001 0000a]'],
    [
      '%e|%E|%f|%F|%g|%G|%.3e|%.3g|%10.3f|%-10.2f|%+.1e|%08.3f|%x|%X|%b',
      [1234.5678, 1234.5678, 1234.5678, 1234.5678, 1234.5678, 1234.5678, 1234.5678, 1234.5678, 1234.5678, 1234.5678, 1234.5678, -3.14159, 1, 1, 1],
      '1.234568e+03|1.234568E+03|1234.567800|1234.567800|1234.5678|1234.5678|1.235e+03|1.23e+03|  1234.568|1234.57   |+1.2e+03|-003.142|0x1p+00|0X1P+00|4503599627370496p-52',
    ],
    ['%#g|%#.3g|%#e|%#f|%#v|%#.0f|%#x', [1, 1, 1, 1, 1, 1, 1], '1.00000|1.00|1.000000e+00|1.000000|1|1.|0x1.0000p+00'],
    ['%t|%t|%v|%5t', [true, int(1), false, true], 'true|%!t(int=1)|false| true'],
    ['%[2]d %[1]d|%[2]*[1]d|%.*f|%*d|%-*d|', [int(1), int(5), int(2), 3.14159, int(4), int(7), int(-4), int(7)], '5 1|    1|%!f(int=00002)|%!(BADWIDTH)4|-4     |'],
    ['%.2s|%.10s|%5.1s|%x|% x|%#x|% #x|%X|%.1x', ['héllo', 'ab', 'xyz', 'hé', 'hé', 'hé', 'hé', 'hé', 'hé'], 'hé|ab|    x|68c3a9|68 c3 a9|0x68c3a9|0x68 0xc3 0xa9|68C3A9|68'],
    ['%q|%+q|%#q|%#q|%q', ['héllo\n\x01', 'héllo', 'ab', 'a`b', int(120)], '"héllo\\n\\x01"|"h\\u00e9llo"|`ab`|"a`b"|\'x\''],
    ['%v|%s|%d|%x|%q', [['ab'], null, null, null, null], '[ab]|%!s(<nil>)|%!d(<nil>)|%!x(<nil>)|%!q(<nil>)'],
    ['%[5]d', [int(1), int(2)], '%!d(BADINDEX)'],
    ['%[0]d', [int(1)], '%!d(BADINDEX)'],
    ['%[x]d', [int(1)], '%!d(BADINDEX)'],
    ['%[1]d %d %d', [int(1), int(2)], '1 2 %!d(MISSING)'],
    ['%.[2]d', [int(1), int(2)], '2'],
    ['%[2]3d', [int(1), int(2)], '%!d(BADINDEX)'],
    ['%.*d|%.*d', [int(-1), int(5), 'x', int(5)], '%!(BADPREC)5|%!(BADPREC)5'],
    ['%*d', [int(10000000), int(1)], '%!(BADWIDTH)1'],
    ['%.f|%.d|%5.d', [1.5, int(0), int(0)], '2||     '],
    ['%!%d', [int(1)], '%!!(int=1)%!d(MISSING)'],
    ['%z', [int(1)], '%!z(int=1)'],
    ['%é', [int(1)], '%!é(int=1)'],
    ['%-', [], '%!(NOVERB)'],
    ['%5', [int(1)], '%!(NOVERB)%!(EXTRA int=1)'],
    ['abc%', [], 'abc%!(NOVERB)'],
    ['%v %v %v', [1e-7, 123456, 1234567], '1e-07 123456 1.234567e+06'],
    ['%.3v|%10v|%-10v|%+v|% v', [3.14159, 2.5, 2.5, 2.5, 2.5], '3.14|       2.5|2.5       |2.5| 2.5'],
    ['%v|%s', [int64(5), int(5)], '5|%!s(int=5)'],
    ['%d|%v|%#v|%x|%c|%q', [u8(97), u8(97), u8(97), u8(97), u8(97), u8(97)], "97|97|0x61|61|a|'a'"],
    ['%T|%T|%T|%T|%T|%T|%T|%5T', [int(1), 1, 's', null, l, m, true, int(1)], 'int|float64|string|<nil>|[]interface {}|map[string]interface {}|bool|  int'],
    ['%.3d|%08.3d|%+.3d|%x|%X|%#X|%o|%#b', [int(7), int(7), int(7), int(-10), int(-10), int(10), int(-8), int(5)], '007|     007|+007|-a|-A|0XA|-10|0b101'],
    [
      '%05.1f|%-08.2f|%+08.2f|% 8.2f|%08.2f|%08v|%+v|%+.3g',
      [3.14159, 3.14159, 3.14159, 3.14159, -3.14159, -3.5, 2, 1234567],
      '003.1|3.14    |+0003.14|    3.14|-0003.14|-00003.5|2|+1.23e+06',
    ],
    ['%5v|%d', [[null], [null, int(1)]], '[<nil>]|[<nil> 1]'],
    ['%v', [new Map([['a', null]])], 'map[a:<nil>]'],
    ['%#v', [[null]], '[]interface {}{interface {}(nil)}'],
    ['%s', [withType(['a'], STRING_SLICE_TYPE)], '[a]'],
    ['%v|%x|%q|%6.2v|%s', [[new Map<string, GoValue>([['a', [int(1), 'b']]])], new Map([['a', 'hi']]), ['a', 'b'], ['abc', 'd'], new Map<string, GoValue>([['a', [int(1)]]])], '[map[a:[1 b]]]|map[61:6869]|["a" "b"]|[    ab      d]|map[a:[%!s(int=1)]]'],
    ['%c|%U|%08s|%-08s|%.0s|%x|%+q|%+s|% s|%#s', [1.5, int(-1), 'é', 'é', 'abc', -1.5, '😀', 'x', 'x', 'x'], '%!c(float64=1.5)|U+FFFFFFFFFFFFFFFF|0000000é|é       ||-0x1.8p+00|"\\U0001f600"|x|x|x'],
    ['%T|%v|%q|%x|%d', [int64(3), withType(['1', '2'], STRING_SLICE_TYPE), withType(['1', '2'], STRING_SLICE_TYPE), withType(['10', '11'], STRING_SLICE_TYPE), withType(['1', '2'], STRING_SLICE_TYPE)], 'int64|[1 2]|["1" "2"]|[3130 3131]|[%!d(string=1) %!d(string=2)]'],
    ['%v|%d|%t|%p|%v|%s', [new Map(), true, 'x', 'x', [], []], 'map[]|%!d(bool=true)|%!t(string=x)|%!p(string=x)|[]|[]'],
    ['%s', [[[int(1), 2.5], new Map()]], '[[%!s(int=1) %!s(float64=2.5)] map[]]'],
    ['%08.3f|%-8.3f|%+08d|%x', [-1.5, -1.5, int(-5), ''], '-001.500|-1.500  |-0000005|'],
    ['%5x|%-5x|%05x', ['', '', ''], '     |     |00000'],
    ['%v %v %v', [NaN, Infinity, -Infinity], 'NaN +Inf -Inf'],
    ['%5.1f|%05v|%+v|% v|%-6v|', [NaN, Infinity, NaN, NaN, -Infinity], '  NaN| +Inf|NaN| NaN|-Inf  |'],
    ['%6.3v|%.1v|%.0v|%#.3v|%#v', [1234.5678, 0.05, 7.5, 1, 1e-7], '1.23e+03|0.05|8|1|1e-07'],
    ['%e|%g', [0, 0], '0.000000e+00|0'],
    ['%#09w|%+[2]w|%#w', ['a', u8(195), u8(195)], '%!w(string=000000"a")|%!w(uint8=195)|%!w(uint8=0xc3)'],
    ['%.5T', [[u8(1)]], '[]int'],
    ['%w|%w|%w|%5w|%-w', [int(1), 'x', null, [int(1)], 1.5], '%!w(int=1)|%!w(string=x)|%!w(<nil>)|%!w([]interface {}=[    1])|%!w(float64=1.5)'],
    ['%.3g|%#g|%#.2e|%#x', [0, 0, 0, 0], '0|0.00000|0.00e+00|0x0.0000p+00'],
  ];
  for (const [format, args, want] of cases) {
    it(`${format} ${JSON.stringify(args, (_k, v) => (typeof v === 'bigint' ? String(v) : v instanceof Map ? [...v] : v))}`, () => {
      expect(sprintf(format, ...args)).toBe(want);
    });
  }
  it('uses String() of values whose type has one, except for %#v', () => {
    const info = { name: 'semver.Version', kind: 'struct', methods: new Map([['String', { name: 'String', params: [], results: ['string'], fn: () => '1.2.3' }]]) };
    const fields = new Map<string, GoValue>([
      ['major', new GoInt('uint64', 1n)],
      ['pre', ''],
    ]);
    const v = new GoStruct(info, fields, true);
    expect(sprintf('%v|%+v|%s|%q', v, v, v, v)).toBe('1.2.3|1.2.3|1.2.3|"1.2.3"');
    expect(sprintf('%#v', v)).toBe('&semver.Version{major:0x1, pre:""}');
  });
  it('does not see pointer-receiver methods on struct values; {{ }} of an addressable field does (measured on .Capabilities)', () => {
    const kvType = {
      name: 'chartutil.KubeVersion',
      kind: 'struct',
      methods: new Map([['String', { name: 'String', params: [], results: ['string'], fn: () => 'v1.32.0' }]]),
      pointerMethods: new Set(['String']),
    };
    const kv = new GoStruct(kvType, new Map<string, GoValue>([['Version', 'v1.32.0'], ['Major', '1'], ['Minor', '32']]));
    const caps = new GoStruct({ name: 'chartutil.Capabilities', kind: 'struct' }, new Map<string, GoValue>([['KubeVersion', kv]]), true);
    // {{ .Capabilities.KubeVersion }} | print | html | printf "%v"
    expect(formatValue(templatePrintable(kv, true))).toBe('v1.32.0');
    expect(sprint(kv)).toBe('{v1.32.0 1 32}');
    expect(htmlEscaper(kv)).toBe('{v1.32.0 1 32}');
    expect(sprintf('%v', kv)).toBe('{v1.32.0 1 32}');
    // {{ .Capabilities }} and html follow the pointer; print shows it
    expect(formatValue(templatePrintable(caps, true))).toBe('{{v1.32.0 1 32}}');
    expect(htmlEscaper(caps)).toBe('{{v1.32.0 1 32}}');
    expect(sprint(caps)).toBe('&{{v1.32.0 1 32}}');
  });
  it('pads to a width counted in runes; huge widths work', () => {
    expect(sprintf('%1000001d', int(1)).length).toBe(1000001);
    expect(sprintf('%4s|', 'é')).toBe('   é|');
  });
  it('keeps invalid UTF-8 bytes as bytes (%s) and escapes them (%q)', () => {
    const cut = utf8Decode(new Uint8Array([0xc3]));
    expect(sprintf('%s', cut)).toBe(cut);
    expect(sprintf('%q', cut)).toBe('"\\xc3"');
    expect(sprintf('%x', cut)).toBe('c3');
  });
});

describe('Sprintf against measured helm output (random formats and operands)', () => {
  const fixture = JSON.parse(readFileSync(new URL('./fixtures/printf-measured.json', import.meta.url), 'utf8')) as {
    printf: [string, Enc[], string][];
    floats: { formats: string[]; rows: [number, string][] };
  };
  it(`${fixture.printf.length} printf cases`, () => {
    const bad = fixture.printf.filter(([f, args, want]) => sprintf(f, ...args.map(decodeMeasured)) !== want);
    expect(bad).toEqual([]);
  });
  it(`${fixture.floats.rows.length} floats through ${fixture.floats.formats.length} formats`, () => {
    const f = fixture.floats.formats.join('|');
    const bad = fixture.floats.rows.filter(([x, want]) => sprintf(f, ...fixture.floats.formats.map(() => x)) !== want);
    expect(bad).toEqual([]);
  });
});
