import { describe, expect, it } from 'vitest';
import { GoInt, goTypeName, int64, type GoValue } from '../../src/gotemplate/value.js';
import { loadValues } from '../../src/yaml/load.js';
import { toJson } from '../../src/yaml/json.js';
import { fromToml, toToml } from '../../src/yaml/toml.js';

const d = (...kv: GoValue[]): Map<string, GoValue> => {
  const m = new Map<string, GoValue>();
  for (let i = 0; i < kv.length; i += 2) m.set(kv[i] as string, kv[i + 1]);
  return m;
};

// Expected texts measured with helm 3.17.3 (and helm 4.1.4 where it differs).
describe('toToml', () => {
  const values = loadValues(
    [
      's: "héllo \\"q\\" \\t <&>"', 'n: 1', 'f: 1.5', 'big: 1e21', 'small: 0.000001', 'b: true', 'z: null',
      'l: [1, "a", true]', 'lm: [{a: 1}, {b: 2}]', 'll: [[1, 2], ["a"]]', 'e: {}', 'el: []',
      'm:', '  x: 1', '  "key with space": 2', '  sub:', '    deep: "v"', '  lst: [1]', '  n: 3',
      '"1a": 1', 'a.b: 2', 'ä: 3',
    ].join('\n'),
  );

  it('writes plain values first, then tables and arrays of tables, indented per level', () => {
    expect(toToml(values)).toBe(
      [
        '1a = 1.0', '"a.b" = 2.0', 'b = true', 'big = 1000000000000000000000.0', 'el = []', 'f = 1.5', 'false = 1.0',
        'l = [1.0, "a", true]', 'll = [[1.0, 2.0], ["a"]]', 's = "héllo \\"q\\" \\t <&>"', 'small = 0.000001', '"ä" = 3.0',
        '', '[e]', '', '[[lm]]', '  a = 1.0', '', '[[lm]]', '  b = 2.0', '', '[m]', '  false = 3.0',
        '  "key with space" = 2.0', '  lst = [1.0]', '  x = 1.0', '  [m.sub]', '    deep = "v"', '',
      ].join('\n'),
    );
  });

  it('formats floats per helm version', () => {
    const v = d('a', int64(5), 'c', 1e6, 'd', 3, 'e', -0, 'big', 1e21, 'small', 1e-6);
    expect(toToml(v, 'helm3')).toBe('a = 5\nbig = 1000000000000000000000.0\nc = 1000000.0\nd = 3.0\ne = -0.0\nsmall = 0.000001\n');
    expect(toToml(v, 'helm4')).toBe('a = 5\nbig = 1e+21\nc = 1e+06\nd = 3.0\ne = -0.0\nsmall = 1e-06\n');
    expect(toToml(d('n', NaN, 'i', Infinity, 'j', -Infinity))).toBe('i = inf\nj = -inf\nn = nan\n');
  });

  it('inlines tables inside mixed arrays and reports encoder errors as text', () => {
    expect(toToml(d('l', [int64(1), d('a', int64(1))]))).toBe('l = [1, {a = 1}]\n');
    expect(toToml(d('l', [[d('a', int64(1))]]))).toBe('l = [[{a = 1}]]\n');
    expect(toToml(d('l', [int64(1), null]))).toBe('toml: cannot encode array with nil element');
    expect(toToml([d('a', int64(1))])).toBe('toml: top-level values must be Go maps or structs');
    expect(toToml([int64(1), int64(2)])).toBe('[1, 2]');
    expect(toToml('str')).toBe('"str"');
    expect(toToml(d('m', d('a', null, 'b', int64(1))))).toBe('[m]\n  b = 1\n');
  });

  it('nests tables and arrays of tables', () => {
    const v = d('a', d('b', d('c', d('d', int64(1))), 'x', [d('y', d('z', int64(1)))]));
    expect(toToml(v)).toBe('[a]\n  [a.b]\n    [a.b.c]\n      d = 1\n\n  [[a.x]]\n    [a.x.y]\n      z = 1\n');
    expect(toToml(d('a', [], 'b', d('c', [new Map(), d('d', int64(1))])))).toBe('a = []\n\n[b]\n\n  [[b.c]]\n\n  [[b.c]]\n    d = 1\n');
  });

  it('quotes keys and escapes strings', () => {
    const v = d('', int64(1), 'a b', int64(2), 'a.b', int64(3), 'é', int64(4), '-_', int64(5), '"', int64(6), 'a\tb', int64(7), '1', int64(8));
    expect(toToml(v)).toBe('"" = 1\n"\\"" = 6\n-_ = 5\n1 = 8\n"a\\tb" = 7\n"a b" = 2\n"a.b" = 3\n"é" = 4\n');
    expect(toToml(d('s', '\u0000\u0001\b\t\n\f\r\u001f\u007f\u0080\u2028\\"\''))).toBe(
      's = "\\u0000\\u0001\\b\\t\\n\\f\\r\\u001f\\u007f\u0080\u2028\\\\\\"\'"\n',
    );
  });

  it('panics on nil like reflect does', () => {
    expect(() => toToml(null)).toThrow('reflect: call of reflect.Value.Type on zero Value');
  });
});

describe('fromToml', () => {
  it('decodes ints as int64 and arrays of tables as []map[string]interface {}', () => {
    const m = fromToml('i = 1\nf = 1.5\nh = 0x1F\no = 0o17\nb = 0b11\nu = 1_000\ne = 1e3\nx = inf\nt = true\n' +
      's = "a\\tb"\nl = \'lit\'\narr = [1, "a", [2]]\nit = {a = 1, b.c = 2}\nk.l.m = 3\n"q k" = 4\n[tab]\nz = 1\n[[aot]]\ny = 1\n[[aot]]\ny = 2\n');
    expect(m.get('i')).toEqual(new GoInt('int64', 1n));
    expect([m.get('h'), m.get('o'), m.get('b'), m.get('u')].map((v) => (v as GoInt).value)).toEqual([31n, 15n, 3n, 1000n]);
    expect(m.get('e')).toBe(1000);
    expect(m.get('x')).toBe(Infinity);
    expect(goTypeName(m.get('aot') as GoValue)).toBe('[]map[string]interface {}');
    m.delete('x'); // json.Marshal rejects +Inf
    expect(toJson(m)).toBe(
      '{"aot":[{"y":1},{"y":2}],"arr":[1,"a",[2]],"b":3,"e":1000,"f":1.5,"h":31,"i":1,"it":{"a":1,"b":{"c":2}},' +
        '"k":{"l":{"m":3}},"l":"lit","o":15,"q k":4,"s":"a\\tb","t":true,"tab":{"z":1},"u":1000}',
    );
  });

  it('reads multi-line strings', () => {
    expect(toJson(fromToml('s = """\nab\\\n  c"""\nr = \'\'\'\nx\\y\'\'\''))).toBe('{"r":"x\\\\y","s":"abc"}');
    expect(fromToml('').size).toBe(0);
  });

  it("reports BurntSushi's messages", () => {
    const err = (s: string, c: 'helm3' | 'helm4' = 'helm3'): GoValue => fromToml(s, c).get('Error') ?? null;
    expect(err('a = 1\na = 2')).toBe('toml: line 2 (last key "a"): Key \'a\' has already been defined.');
    expect(err('a = ')).toBe('toml: line 0 (last key "a"): unexpected EOF; expected value');
    expect(err('a = ', 'helm4')).toBe('toml: line 1 (last key "a"): unexpected EOF; expected value');
    expect(err('= 1')).toBe("toml: line 1: unexpected '=': key name appears blank");
    expect(err('a = 1\n[t\nb = 2')).toBe("toml: line 3: expected '.' or ']' to end table name, but got '\\n' instead");
    expect(err('a = "x')).toBe('toml: line 0 (last key "a"): unexpected EOF; expected \'"\'');
    expect(err('a = [1, 2')).toBe(
      "toml: line 0 (last key \"a\"): expected a comma (',') or array terminator (']'), but got end of file",
    );
    expect(err('a = 1 b = 2')).toBe(
      "toml: line 1: expected a top-level item to end with a newline, comment, or EOF, but got 'b' instead",
    );
    expect(err('a = 01')).toBe('toml: line 1 (last key "a"): Invalid integer "01": cannot have leading zeroes');
    expect(err('a = 9223372036854775808')).toBe('toml: line 1 (last key "a"): 9223372036854775808 is out of range for int64');
  });
});

describe('toToml and invalid UTF-8 (measured)', () => {
  it('writes an invalid byte as \\xNN', () => {
    expect(toToml(d('k', '\udcc3'))).toBe('k = "\\xc3"\n');
  });
});
