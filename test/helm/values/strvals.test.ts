/**
 * strvals against what the real binaries did: strvals.measured.json holds, for every case, the
 * `toJson .Values` (or the error without "Error: ") that `helm template` printed for
 * `--<flag> <arg>`, measured on helm 3.17.3 (h3) and helm 4.1.4 (h4) with a scratch chart
 * whose only template is `j: {{ toJson .Values }}` and a file f.txt containing "hi\n".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Compat } from '../../../src/gotemplate/template.js';
import { goTypeName } from '../../../src/gotemplate/value.js';
import { parseSet, typedValue } from '../../../src/helm/values/strvals.js';
import type { SetFlag } from '../../../src/helm/values/strvals.js';
import { toJson } from '../../../src/yaml/json.js';

interface Outcome {
  readonly json?: string;
  readonly error?: string;
}
interface Row {
  readonly flag: SetFlag;
  readonly arg: string;
  readonly h3: Outcome;
  readonly h4: Outcome;
}

const rows = JSON.parse(readFileSync(new URL('./strvals.measured.json', import.meta.url), 'utf8')) as Row[];
const files = new Map([['f.txt', 'hi\n']]);
const readFile = (p: string): string | undefined => files.get(p);

function outcome(flag: SetFlag, arg: string, compat: Compat): Outcome {
  const r = parseSet(flag, arg, compat, readFile);
  return r.ok ? { json: toJson(r.values) } : { error: r.error };
}

describe('strvals matches helm (measured)', () => {
  for (const row of rows) {
    for (const compat of ['helm3', 'helm4'] as const) {
      const want = compat === 'helm3' ? row.h3 : row.h4;
      it(`${compat} --${row.flag} ${JSON.stringify(row.arg).slice(0, 80)}`, () => {
        expect(outcome(row.flag, row.arg, compat)).toEqual(want);
      });
    }
  }
});

describe('strvals types (measured with typeOf on both versions)', () => {
  it.each([
    ['1', 'int64'],
    ['0', 'int64'],
    ['-5', 'int64'],
    ['true', 'bool'],
    ['FALSE', 'bool'],
    ['null', '<nil>'],
    ['0.5', 'string'],
    ['007', 'string'],
    ['9223372036854775808', 'string'],
  ])('--set x=%s is %s', (v, type) => {
    expect(goTypeName(typedValue(v, false))).toBe(type);
  });
  it('--set-json numbers are float64', () => {
    const r = parseSet('set-json', 'x=1', 'helm4');
    expect(r.ok && goTypeName(r.values.get('x') ?? null)).toBe('float64');
  });
  it('--set-string keeps strings', () => {
    expect(typedValue('true', true)).toBe('true');
  });
  it('keys like __proto__ are plain data', () => {
    const r = parseSet('set', '__proto__.polluted=1,constructor=2', 'helm4');
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.ok && toJson(r.values)).toBe('{"__proto__":{"polluted":1},"constructor":2}');
  });
});
