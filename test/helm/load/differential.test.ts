/**
 * Differential check of the loader's classification against the real helm 3.17.3 and 4.1.4:
 * each chart gets a template printing the `.Files` keys; helm's output (the `# Source:` lines
 * and that listing) must equal what our loader put in `templates` and `files`, subcharts
 * included. Load errors must carry helm's message.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmBinary } from '../../../scripts/helm-binaries.mjs';
import type { Chart } from '../../../src/helm/load/chart.js';
import { loadChart } from '../../../src/helm/load/fs.js';
import { CHART_YAML, tgz } from './tarball.js';

type Version = 'helm3' | 'helm4';
const root = mkdtempSync(join(tmpdir(), 'helm-load-diff-'));
const bins = new Map<Version, string>();
beforeAll(async () => {
  for (const v of ['helm3', 'helm4'] as const) bins.set(v, await helmBinary(v));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const LIST = 'files: {{ range $k, $v := .Files }}{{ $k }},{{ end }}\n';

function write(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
}

interface Seen {
  readonly error?: string;
  readonly sources: string[];
  readonly files: string;
}

function runHelm(v: Version, path: string): Seen {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), TZ: 'UTC', HOME: root };
  delete env.HELM_NAMESPACE;
  const r = spawnSync(bins.get(v) ?? '', ['template', path], { encoding: 'utf8', env });
  const error = /^Error: (.*)$/m.exec(r.stderr)?.[1];
  const sources = [...r.stdout.matchAll(/^# Source: [^/]+\/(.*)$/gm)].map((m) => m[1]).sort();
  const files = /^files: (.*)$/m.exec(r.stdout)?.[1] ?? '';
  return error !== undefined ? { error, sources: [], files: '' } : { sources, files };
}

function sourcesOf(c: Chart, prefix = ''): string[] {
  const out = c.templates.filter((t) => !(t.name.split('/').pop() ?? '').startsWith('_')).map((t) => prefix + t.name);
  for (const d of c.dependencies) out.push(...sourcesOf(d, `${prefix}charts/${d.metadata.name}/`));
  return out;
}

function ours(v: Version, path: string): Seen {
  const r = loadChart(path, { compat: v });
  if (!r.ok) return { error: r.error.message, sources: [], files: '' };
  const files = [...r.chart.files.map((f) => f.name)].sort().map((n) => n + ',').join('');
  return { sources: sourcesOf(r.chart).sort(), files };
}

const kid = 'apiVersion: v2\nname: kid\nversion: 0.1.0\n';
const charts: Record<string, Record<string, string | Uint8Array>> = {
  layout: {
    'Chart.yaml': CHART_YAML,
    'values.yaml': 'a: 1\n',
    'values.schema.json': '{}',
    'templates/list.yaml': LIST,
    'templates/sub/s.yaml': 's: 1',
    'templates/.hidden/h.yaml': 'h: 1',
    'templates/.x.yaml': 'x: 1',
    'templates/_h.tpl': '{{ define "x" }}{{ end }}',
    'templates/notes.txt': 'n: 1',
    'crds/c.yaml': 'kind: CustomResourceDefinition',
    'files/a.txt': 'a',
    'README.md': 'r',
    '.hidden': 'h',
    'charts/kid/Chart.yaml': kid,
    'charts/kid/templates/k.yaml': 'k: 1',
    'charts/kid/files/k.txt': 'k',
    'charts/kid.prov': 'p',
    'charts/_skip/Chart.yaml': 'broken',
    'charts/packed.tgz': tgz([
      { name: 'packed/Chart.yaml', data: 'apiVersion: v2\nname: packed\nversion: 1.0.0\n' },
      { name: 'packed/templates/p.yaml', data: 'p: 1' },
      { name: 'packed/templates/.dot.yaml', data: 'd: 1' },
    ]),
  },
  ignore: {
    'Chart.yaml': CHART_YAML,
    '.helmignore': '# comment\n*.md\n/top.txt\nfiles/sub/\ntemplates/skip*\n',
    'templates/list.yaml': LIST,
    'templates/skip.yaml': 's: 1',
    'top.txt': 't',
    'files/top.txt': 't',
    'files/sub/x.txt': 'x',
    'docs/r.md': 'r',
    'charts/kid/Chart.yaml': kid,
    'charts/kid/README.md': 'ignored by the parent rules',
  },
  v1: {
    'Chart.yaml': 'apiVersion: v1\nname: c\nversion: 0.1.0\n',
    'requirements.yaml': 'dependencies:\n- name: kid\n  version: 0.1.0\n',
    'requirements.lock': 'dependencies:\n- name: kid\n  version: 0.1.0\n',
    'templates/list.yaml': LIST,
    'charts/kid/Chart.yaml': kid,
  },
  badsub: { 'Chart.yaml': CHART_YAML, 'charts/kid/Chart.yaml': 'apiVersion: v2\nname: kid\nversion: x\n' },
  badvalues: { 'Chart.yaml': CHART_YAML, 'values.yaml': 'a: [' },
  unsupported: { 'Chart.yaml': 'apiVersion: v9\nname: c\nversion: 0.1.0\n', 'templates/list.yaml': LIST },
  doublestar: { 'Chart.yaml': CHART_YAML, '.helmignore': 'a/**\n' },
};

describe('loader vs helm (classification and load errors)', () => {
  beforeAll(() => {
    for (const [name, files] of Object.entries(charts)) write(join(root, name), files);
    // a link inside the chart
    write(join(root, 'links'), { 'Chart.yaml': CHART_YAML, 'templates/list.yaml': LIST, 'files/real.txt': 'r' });
    symlinkSync('files', join(root, 'links', 'alias'));
    writeFileSync(join(root, 'packed.tgz'), charts.layout['charts/packed.tgz']);
  });
  for (const name of [...Object.keys(charts), 'links', 'packed.tgz']) {
    for (const v of ['helm3', 'helm4'] as const) {
      it(`${name} (${v})`, () => {
        const path = join(root, name);
        expect(ours(v, path)).toEqual(runHelm(v, path));
      });
    }
  }
});
