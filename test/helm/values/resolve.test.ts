/**
 * resolveChart against the real binaries. resolve.measured.json holds scenarios (chart files and
 * `--set` flags) and what `helm template` printed when every non-library chart had the template
 * `v: {{ toJson .Values }}`: each chart's values by template path, the exit code and the stderr
 * lines (sorted: helm prints warnings of one coalescing pass in Go map order, which is random).
 * Measured on helm 3.17.3 (h3) and helm 4.1.4 (h4).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Compat } from '../../../src/gotemplate/template.js';
import type { GoValue } from '../../../src/gotemplate/value.js';
import type { ResolvedChart } from '../../../src/helm/values/resolve.js';
import { resolveChart } from '../../../src/helm/values/resolve.js';
import { mergeUserValues } from '../../../src/helm/values/user-values.js';
import { formatValuesWarning } from '../../../src/helm/values/warnings.js';
import { toJson } from '../../../src/yaml/json.js';
import { chartFromFiles } from './chart-fixture.js';

interface Outcome {
  readonly exitCode: number;
  readonly values: Record<string, string>;
  readonly stderr: readonly string[];
}
interface Scenario {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly args: readonly string[];
  readonly h3: Outcome;
  readonly h4: Outcome;
}

const scenarios = JSON.parse(readFileSync(new URL('./resolve.measured.json', import.meta.url), 'utf8')) as Scenario[];

function collect(c: ResolvedChart, out: Record<string, string>): void {
  if (c.metadata.type !== 'library') out[c.path] = toJson(c.values);
  for (const s of c.subcharts) collect(s, out);
}

function run(s: Scenario, compat: Compat): Outcome {
  const set: string[] = [];
  for (let i = 0; i < s.args.length; i += 2) set.push(s.args[i + 1]);
  const user = mergeUserValues({ set }, compat);
  if (!user.ok) throw new Error(user.error);
  const r = resolveChart(chartFromFiles(s.files), user.values, compat);
  const stderr = r.warnings.map((w) => formatValuesWarning(w, compat)).filter((l) => l !== '');
  const values: Record<string, string> = {};
  if (r.ok) collect(r.root, values);
  else stderr.push(`Error: ${r.error}\n`);
  return { exitCode: r.ok ? 0 : 1, values, stderr: stderr.map((l) => l.replace(/\n$/, '')).sort() };
}

describe('resolveChart matches helm template (measured)', () => {
  for (const s of scenarios) {
    for (const compat of ['helm3', 'helm4'] as const) {
      it(`${compat} ${s.name}`, () => {
        expect(run(s, compat)).toEqual(compat === 'helm3' ? s.h3 : s.h4);
      });
    }
  }
});

describe('resolveChart structure', () => {
  const files = {
    'Chart.yaml': 'apiVersion: v2\nname: p\nversion: 0.1.0\ndependencies:\n  - {name: kid, version: "*", alias: one}\n',
    'charts/kid/Chart.yaml': 'apiVersion: v2\nname: kid\nversion: 0.1.0\n',
    'charts/kid/values.yaml': 'v: kid\n',
  };
  it('a subchart renders with the very map under its name in the parent', () => {
    const r = resolveChart(chartFromFiles(files), new Map(), 'helm4');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [one] = r.root.subcharts;
    expect(one.name).toBe('one');
    expect(one.metadata.name).toBe('one');
    expect(one.path).toBe('p/charts/one');
    expect(r.root.values.get('one')).toBe(one.values);
    one.values.set('fromTemplate', 'x');
    expect((r.root.values.get('one') as Map<string, GoValue>).get('fromTemplate')).toBe('x');
  });
  it('keys like __proto__ stay data', () => {
    const user = new Map<string, GoValue>([['__proto__', new Map<string, GoValue>([['polluted', true]])]]);
    const r = resolveChart(chartFromFiles(files), user, 'helm3');
    expect(r.ok && toJson(r.root.values)).toContain('"__proto__":{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('user values are not changed', () => {
    const user = new Map<string, GoValue>([['one', new Map<string, GoValue>([['v', null]])]]);
    resolveChart(chartFromFiles(files), user, 'helm3');
    expect(toJson(user)).toBe('{"one":{"v":null}}');
  });
  it('an invalid values.yaml is helm\'s load error', () => {
    const r = resolveChart(chartFromFiles({ ...files, 'values.yaml': 'a: [\n' }), new Map(), 'helm3');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^cannot load values\.yaml: /);
  });
});

describe('resolved metadata', () => {
  it('dependency entries are aliased, enabled, import-values rewritten; disabled ones are gone', () => {
    const files = {
      'Chart.yaml':
        'apiVersion: v2\nname: p\nversion: 0.1.0\ndependencies:\n' +
        '  - {name: kid, version: "*", alias: one, import-values: [ex, {child: a, parent: b}]}\n' +
        '  - {name: kid, version: "*", alias: two, condition: two.go}\n',
      'values.yaml': 'two: {go: false}\n',
      'charts/kid/Chart.yaml': 'apiVersion: v2\nname: kid\nversion: 0.1.0\n',
    };
    const r = resolveChart(chartFromFiles(files), new Map(), 'helm4');
    expect(r.ok && r.root.metadata.dependencies).toEqual([
      {
        name: 'one',
        version: '*',
        alias: 'one',
        enabled: true,
        importValues: [
          { child: 'exports.ex', parent: '.' },
          { child: 'a', parent: 'b' },
        ],
      },
    ]);
    expect(r.ok && r.root.subcharts.map((s) => s.name)).toEqual(['one']);
  });
});
