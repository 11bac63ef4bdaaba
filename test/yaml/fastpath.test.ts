import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GoInt, type GoValue } from '../../src/gotemplate/value.js';
import { toYaml } from '../../src/yaml/emit.js';
import { fastParse, NOT_FAST } from '../../src/yaml/fastpath.js';
import { parseYamlDocument, parseYamlDocumentFully, YamlError } from '../../src/yaml/load.js';

/** Both readers on one text: the value (with Go types visible) or the error message. */
function outcome(read: (t: string) => GoValue | undefined, text: string): unknown {
  try {
    return canon(read(text));
  } catch (e) {
    if (e instanceof YamlError) return { error: e.message };
    throw e;
  }
}

function canon(v: GoValue | undefined): unknown {
  if (v === undefined) return { undefined: true };
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [k, canon(x)]) };
  if (Array.isArray(v)) return { list: v.map(canon) };
  if (v instanceof GoInt) return { int: String(v.value) };
  if (typeof v === 'number') return { float: Object.is(v, -0) ? '-0' : String(v) };
  return v;
}

/** Asserts the fast reader either gives up or agrees with the full reader; says which. */
function agrees(text: string): boolean {
  const fast = fastParse(text);
  if (fast === NOT_FAST) return false;
  expect(outcome(parseYamlDocument, text), text).toEqual(outcome(parseYamlDocumentFully, text));
  return true;
}

const ACCEPTED = [
  'a: 1',
  'a: 1\n',
  'a:\n  b: c\n  d: [1, "x", {e: f}]\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x # trailing comment\n  labels: {}\ndata:\n  k: |\n    line 1\n\n    line 3\n  j: |-\n    no newline\n',
  'list:\n- a\n- b: 1\n  c: 2\n-\n  - nested\nafter: yes\n',
  '- a\n-\n- "q\\tx\\u00e9"\n- \'it\'\'s\'\n',
  'k: |\n  last line without newline',
  'k: |\n  keep\n\n\nnext: 1\n',
  '# comment\nn: no\ny: ~\n"quoted key": 0x1F\n1.5: float key\ntrue: bool key\n',
  'top:\n    deep:\n        deeper: value with spaces   \n',
  'url: http://example.com:8080/path\nratio: 1e3\noctal: 0777\ntime: 2001-12-14\n',
  'emptyval:\nnext: 1\n',
  'plain',
  '[1, 2]',
];

const GIVE_UP = [
  '',
  '# only a comment\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  '<<: {a: 1}\n',
  'a: >\n  folded\n',
  'a: |+\n  kept\n',
  'a: |2\n   indented\n',
  'a: multi\n  line plain\n',
  'a: "multi\n  line"\n',
  'a:\tb\n',
  '---\na: 1\n',
  'a: 1\n---\nb: 2\n',
  'a: [1,\n 2]\n',
  '? complex\n: key\n',
  'a: b: c\n',
  ': empty key\n',
  'a: 1\n b: 2\n',
  'a:\n  - x\n  y: 1\n',
  'a: "unterminated\n',
  'a: [1, 2,]\n',
  'k: "\\ud800"\n',
  '\ufeffa: 1\n',
];

describe('fast YAML reader', () => {
  it.each(ACCEPTED)('reads %j exactly as the full reader does', (text) => {
    expect(agrees(text)).toBe(true);
  });

  it.each(GIVE_UP)('leaves %j to the full reader', (text) => {
    expect(fastParse(text)).toBe(NOT_FAST);
  });

  it('leaves nesting deeper than the stack to the full reader instead of overflowing', () => {
    const text = 'a: ' + '['.repeat(200000) + ']'.repeat(200000) + '\n';
    expect(fastParse(text)).toBe(NOT_FAST);
  });

  it('agrees with the full reader on every YAML file and rendered document in the repository tests', () => {
    const texts: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(name)) texts.push(...readFileSync(p, 'utf8').split(/^---.*$/m));
      }
    };
    walk('test/differential/charts');
    walk('test/yaml/fixtures');
    for (const f of ['fromyaml-documents.json', 'fromyaml-scalars.json', 'fromyaml-errors.json']) {
      const cases = JSON.parse(readFileSync(join('test/yaml/fixtures', f), 'utf8')).cases as { yaml: string }[];
      for (const c of cases) texts.push(c.yaml);
    }
    let fast = 0;
    for (const t of texts) if (agrees(t)) fast++;
    // The reader must take most plain files, or it buys nothing.
    expect(fast).toBeGreaterThan(texts.length / 3);
  });

  it('agrees with the full reader on toYaml output of random values, and on mutations of it', () => {
    const key = fc.oneof(fc.constantFrom('a', 'b', 'y', 'on', '1', '0x1F', 'with space', 'k:v', '#h', '- x', ''), fc.string());
    const scalar = fc.oneof(
      fc.string(),
      fc.constantFrom('yes', 'null', '~', '1e6', '0777', '-', ': x', '# c', 'a #b', 'l1\nl2', 'l1\n', ' lead', '|'),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.letrec<{ v: GoValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        scalar as fc.Arbitrary<GoValue>,
        fc.array(tie('v'), { maxLength: 4 }),
        fc.array(fc.tuple(key, tie('v')), { maxLength: 4 }).map((es) => new Map<string, GoValue>(es)),
      ),
    })).v;
    const mutation = fc.tuple(fc.nat(), fc.constantFrom(' ', '  ', ':', ': ', '- ', '#', ' #x', '\n', '|', '"', "'", '[', '{', '&a ', '*a'));
    let fast = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 5 }), fc.array(mutation, { maxLength: 3 }), (entries, muts) => {
        const text = toYaml(new Map<string, GoValue>(entries));
        total++;
        if (agrees(text)) fast++;
        let mutated = text;
        for (const [at, ins] of muts) {
          const i = at % (mutated.length + 1);
          mutated = mutated.slice(0, i) + ins + mutated.slice(i);
        }
        agrees(mutated);
      }),
      { numRuns: 3000, seed: 20261124 },
    );
    expect(fast).toBeGreaterThan(total / 3);
  });
});
