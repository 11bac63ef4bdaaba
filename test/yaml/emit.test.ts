import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GoFunc, GoStruct, int, int64 } from '../../src/gotemplate/value.js';
import { loadValues } from '../../src/yaml/load.js';
import { mustToYaml, toYaml } from '../../src/yaml/emit.js';
import { toYamlPretty } from '../../src/yaml/pretty.js';
import { compareNatural } from '../../src/yaml/keyorder.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/toyaml.json', import.meta.url), 'utf8')) as {
  cases: { value: string; toYaml: string; toYamlPretty: string }[];
};

const m = (o: Record<string, unknown>): Map<string, unknown> => new Map(Object.entries(o));

describe('toYaml (go-yaml v2 emitter through JSON)', () => {
  it('matches helm on every measured value', () => {
    const bad: string[] = [];
    for (const c of fixture.cases) {
      const v = loadValues('v: ' + c.value).get('v') ?? null;
      const got = toYaml(v);
      if (got !== c.toYaml) bad.push(`${c.value}\n  helm: ${JSON.stringify(c.toYaml)}\n  ours: ${JSON.stringify(got)}`);
      const pretty = toYamlPretty(v);
      if (pretty !== c.toYamlPretty) {
        bad.push(`pretty ${c.value}\n  helm: ${JSON.stringify(c.toYamlPretty)}\n  ours: ${JSON.stringify(pretty)}`);
      }
    }
    expect(bad).toEqual([]);
    expect(fixture.cases.length).toBeGreaterThan(500);
  });

  it('writes lists unindented under keys and nested lists as "- -"', () => {
    expect(toYaml(m({ l: [1, [2, 3]], e: [] }) as never)).toBe('e: []\nl:\n- 1\n- - 2\n  - 3');
  });

  it('quotes strings that YAML 1.1 would read as another type', () => {
    expect(toYaml(['yes', 'n', '1:20', '0o17', '2021-01-01', '1e3', '<<'])).toBe(
      '- "yes"\n- "n"\n- "1:20"\n- "0o17"\n- "2021-01-01"\n- "1e3"\n- <<',
    );
  });

  it('single-quotes what the emitter cannot write plain, double-quotes what needs escapes', () => {
    expect(toYaml(['a: b', ' x', '- a', 'tab\there', '\u{1F600}', '\ufeffab'])).toBe(
      "- 'a: b'\n- ' x'\n- '- a'\n- \"tab\\there\"\n- \"\\U0001F600\"\n- \"\\uFEFF\\x61\\x62\"",
    );
  });

  it('uses literal blocks with the right chomping and indentation indicators', () => {
    expect(toYaml('a\nb')).toBe('|-\n  a\n  b');
    expect(toYaml('a\n')).toBe('|\n  a');
    expect(toYaml('a\n\n')).toBe('|+\n  a\n');
    expect(toYaml(' a\nb')).toBe('|2-\n   a\n  b');
    expect(toYaml('a \nb')).toBe('"a \\nb"');
  });

  it('prints JSON numbers as go-yaml reads them back: integral values as ints', () => {
    expect(toYaml([1e6, 1e20, 1e21, 123456789012345678, -0, 1e-7, 0.5, 1.5e300])).toBe(
      '- 1000000\n- 1e+20\n- 1e+21\n- 123456789012345680\n- 0\n- 1e-07\n- 0.5\n- 1.5e+300',
    );
    expect(toYaml([int(5), int64(-7)])).toBe('- 5\n- -7');
  });

  it('fails to "" on values json.Marshal rejects, and mustToYaml reports why', () => {
    expect(toYaml([NaN])).toBe('');
    expect(toYaml(m({ a: Infinity }) as never)).toBe('');
    expect(() => mustToYaml([NaN])).toThrow('error marshaling into JSON: json: unsupported value: NaN');
    expect(toYaml(new GoFunc({ name: 'f', params: [], fn: () => null }))).toBe('');
    // DEL and C1 controls survive JSON but not go-yaml's reader.
    expect(toYaml('a\u007f')).toBe('');
  });

  it('orders keys naturally: digit runs by value, non-letters before letters', () => {
    const keys = ['a10', 'é', 'a9', 'B', '_x', '10', '9', 'Z', 'a', '-', 'a09', 'b'];
    expect([...keys].sort(compareNatural)).toEqual(['-', '_x', '9', '10', 'B', 'Z', 'a', 'a9', 'a09', 'a10', 'b', 'é']);
  });
});

describe('toYamlPretty (goyaml.v3, indent 2)', () => {
  it('indents lists under keys and never folds long lines', () => {
    const long = 'word '.repeat(30).trim();
    expect(toYamlPretty(m({ l: [1, [2, 3]], s: long }) as never)).toBe(`l:\n  - 1\n  - - 2\n    - 3\ns: ${long}`);
  });

  it('writes float64 with Go %g digits, no JSON round trip', () => {
    expect(toYamlPretty([1e6, 1.5, -0, NaN, Infinity, int(7)])).toBe('- 1e+06\n- 1.5\n- -0\n- .nan\n- .inf\n- 7');
  });

  it('allows tabs in literal blocks', () => {
    expect(toYamlPretty('a\tb\nc')).toBe('|-\n  a\tb\n  c');
    expect(toYaml('a\tb\nc')).toBe('"a\\tb\\nc"');
  });
});

describe('toYamlPretty details (measured)', () => {
  it('orders keys the v3 way: after a digit, letters first', () => {
    const v = m({ a1b: 1, a1_: 2, a10: 3, a9: 4, aB: 5, a_: 6 }) as never;
    expect(toYamlPretty(v)).toBe('a_: 6\na1b: 1\na1_: 2\na9: 4\na10: 3\naB: 5');
    // go-yaml v2's order is not transitive on this set (a9 < a10 < a1b < a9), so compare without a9.
    const w = m({ a1b: 1, a1_: 2, a10: 3, aB: 5, a_: 6 }) as never;
    expect(toYaml(w)).toBe('a_: 6\na1_: 2\na10: 3\na1b: 1\naB: 5');
  });

  it('quotes YAML 1.1 look-alikes and writes empty collections in flow style', () => {
    expect(toYamlPretty(['yes', 'on', 'n', '1:20', '<<', '2021-01-01', '0o17', ''])).toBe(
      '- "yes"\n- "on"\n- "n"\n- "1:20"\n- <<\n- "2021-01-01"\n- "0o17"\n- ""',
    );
    expect([toYamlPretty(null), toYamlPretty(new Map()), toYamlPretty([])]).toEqual(['null', '{}', '[]']);
    expect(toYamlPretty([1e6, 123456789, 0.00001])).toBe('- 1e+06\n- 1.23456789e+08\n- 1e-05');
  });

  it('writes struct fields in declaration order, lower-cased', () => {
    const s = new GoStruct({ name: 'T', kind: 'struct' }, new Map<string, never>([['Name', 'c' as never], ['APIVersion', 'v2' as never], ['IsRoot', true as never]]));
    expect(toYamlPretty(s)).toBe('name: c\napiversion: v2\nisroot: true');
  });
});

describe('mustToYaml errors (measured with helm 4.1.4)', () => {
  it('passes go-yaml read-back errors through', () => {
    expect(() => mustToYaml(['a\u007f'])).toThrow(/^yaml: control characters are not allowed$/);
    expect(() => mustToYaml(m({ 'a\u0085b': 1 }) as never)).toThrow(/^yaml: line 1: did not find expected ',' or '}'$/);
  });
});

describe('invalid UTF-8 (a byte cut by trunc), measured with helm 3.17.3', () => {
  const bad = '\udcc3'; // the first byte of "é"
  it('becomes U+FFFD through JSON, !!binary in goyaml.v3', () => {
    expect(toYaml(bad)).toBe('\ufffd');
    expect(toYamlPretty(bad)).toBe('!!binary ww==');
    expect(toYamlPretty([bad])).toBe('- !!binary ww==');
    expect(toYamlPretty(m({ k: bad + 'x'.repeat(60) }) as never)).toBe(
      'k: !!binary |\n  w3h4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eH\n  h4eHh4eHh4eA==',
    );
  });
});
