/**
 * A few cases run live on the real helm 3.17.3 and 4.1.4 binaries (the rest are pinned in the
 * *.measured.json snapshots, which `npx tsx test/helm/values/remeasure.ts` re-measures).
 */
import { describe, expect, it } from 'vitest';
import { resolveChart } from '../../../src/helm/values/resolve.js';
import type { ResolvedChart } from '../../../src/helm/values/resolve.js';
import { mergeUserValues } from '../../../src/helm/values/user-values.js';
import { formatValuesWarning } from '../../../src/helm/values/warnings.js';
import { toJson } from '../../../src/yaml/json.js';
import { chartFromFiles } from './chart-fixture.js';
import { helmScenario, helmUserValues } from './helm-live.js';

const VERSIONS = ['helm3', 'helm4'] as const;

describe('live: user values', () => {
  const cases: { files: Record<string, string>; args: string[] }[] = [
    { files: {}, args: ['--set', 'x=1,a[0'] },
    { files: { 'v.yaml': 'a: {b: 1}\n---\nc: 2\n' }, args: ['-f', 'v.yaml', '--set-json', 'a={"c":[1]}', '--set', 'a.d=1'] },
    { files: {}, args: ['--set-literal', 'x=a,b', '--set-string', 'x=s,y=2'] },
  ];
  for (const c of cases) {
    for (const version of VERSIONS) {
      it(`${version} ${c.args.join(' ')}`, async () => {
        const opts = { valueFiles: [] as { name: string; text: string }[], set: [] as string[], setJson: [] as string[], setString: [] as string[], setLiteral: [] as string[] };
        for (let i = 0; i < c.args.length; i += 2) {
          const [flag, arg] = [c.args[i], c.args[i + 1]];
          if (flag === '-f') opts.valueFiles.push({ name: arg, text: c.files[arg] ?? '' });
          else if (flag === '--set') opts.set.push(arg);
          else if (flag === '--set-json') opts.setJson.push(arg);
          else if (flag === '--set-string') opts.setString.push(arg);
          else opts.setLiteral.push(arg);
        }
        const r = mergeUserValues(opts, version);
        const ours = r.ok ? { json: toJson(r.values) } : { error: r.error };
        expect(ours).toEqual(await helmUserValues(version, c.files, c.args));
      });
    }
  }
});

describe('live: dependencies and coalescing', () => {
  const files = {
    'Chart.yaml':
      'apiVersion: v2\nname: p\nversion: 0.1.0\ndependencies:\n' +
      '  - {name: kid, version: "*", alias: a1, condition: "a1.go,global.go", import-values: [{child: e, parent: got}]}\n' +
      '  - {name: kid, version: ">0.1.0", alias: a2}\n' +
      '  - {name: kid, version: "0.1.x", alias: a3, tags: [t1]}\n',
    'values.yaml': 'global: {go: true, g: {p: 1}}\na1: {go: "yes", s: {x: 1}}\ngot: {mine: 1}\ntags: {t1: false}\n',
    'charts/kid/Chart.yaml': 'apiVersion: v2\nname: kid\nversion: 0.1.0\n',
    'charts/kid/values.yaml': 'global: {g: {k: 1}, only: kid}\ne: {mine: 2, theirs: 2}\ns: 1\nz: {q: null}\n',
  };
  for (const version of VERSIONS) {
    it(version, async () => {
      const r = resolveChart(chartFromFiles(files), new Map(), version);
      const values: Record<string, string> = {};
      const walk = (c: ResolvedChart): void => {
        values[c.path] = toJson(c.values);
        c.subcharts.forEach(walk);
      };
      if (r.ok) walk(r.root);
      const stderr = r.warnings.map((w) => formatValuesWarning(w, version).replace(/\n$/, '')).filter((l) => l !== '');
      if (!r.ok) stderr.push(`Error: ${r.error}`);
      expect({ exitCode: r.ok ? 0 : 1, values, stderr: stderr.sort() }).toEqual(await helmScenario(version, files, []));
    });
  }
});
