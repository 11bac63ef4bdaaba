/**
 * Runs the real helm binaries (3.17.3, 4.1.4) on scratch charts for the values tests: used by
 * live.test.ts and by remeasure.ts, which rewrites the *.measured.json snapshots.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { helmBinary } from '../../../scripts/helm-binaries.mjs';

export type HelmVersion = 'helm3' | 'helm4';

export interface ValuesOutcome {
  readonly json?: string;
  readonly error?: string;
}

export interface ScenarioOutcome {
  readonly exitCode: number;
  /** `toJson .Values` of each rendered chart, by template path prefix ('p', 'p/charts/kid'). */
  readonly values: Record<string, string>;
  /** stderr lines, sorted (helm prints one pass's warnings in Go's random map order). */
  readonly stderr: readonly string[];
}

const CHART_YAML = 'apiVersion: v2\nname: c\nversion: 0.1.0\n';

function writeTree(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

async function helm(version: HelmVersion, cwd: string, args: readonly string[]) {
  const bin = await helmBinary(version);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: cwd, TZ: 'UTC' };
  return spawnSync(bin, ['template', ...args], { cwd, encoding: 'utf8', env });
}

function withScratch<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'h2-values-'));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/**
 * `helm template` of a chart whose only template is `j: {{ toJson .Values }}`, run in a
 * directory holding `files` (values files, f.txt for --set-file) with the given flags.
 */
export function helmUserValues(
  version: HelmVersion,
  files: Readonly<Record<string, string>>,
  args: readonly string[],
): Promise<ValuesOutcome> {
  return withScratch(async (dir) => {
    writeTree(dir, { ...files, 'c/Chart.yaml': CHART_YAML, 'c/templates/a.yaml': 'j: {{ toJson .Values }}\n' });
    const r = await helm(version, dir, ['c', ...args]);
    if (r.status === 0) {
      const m = /^j: (.*)$/m.exec(r.stdout);
      return { json: m ? m[1] : r.stdout };
    }
    return { error: r.stderr.replace(/^Error: /, '').replace(/\n$/, '') };
  });
}

/** `helm template` of a chart tree where every non-library chart prints `v: {{ toJson .Values }}`. */
export function helmScenario(
  version: HelmVersion,
  files: Readonly<Record<string, string>>,
  args: readonly string[],
): Promise<ScenarioOutcome> {
  return withScratch(async (dir) => {
    const tree: Record<string, string> = {};
    for (const [name, text] of Object.entries(files)) {
      tree[`ch/${name}`] = text;
      if (name.endsWith('Chart.yaml') && !text.includes('type: library')) {
        tree[`ch/${dirname(name) === '.' ? '' : dirname(name) + '/'}templates/v.yaml`] = 'v: {{ toJson .Values }}\n';
      }
    }
    writeTree(dir, tree);
    const r = await helm(version, dir, ['ch', ...args]);
    const values: Record<string, string> = {};
    for (const m of r.stdout.matchAll(/^# Source: (.*)\/templates\/v\.yaml\nv: (.*)$/gm)) values[m[1]] = m[2];
    return { exitCode: r.status ?? -1, values, stderr: r.stderr.split('\n').filter(Boolean).sort() };
  });
}
