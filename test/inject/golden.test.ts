/**
 * kube-inject goldens (issue 9): every workload fixture under test/fixtures/workloads/ is injected
 * by inject() with the injector of its installation (injectionSourceFromManifest(render(...))) and
 * compared with test/golden/inject/<name>.yaml. UPDATE_GOLDEN=1 writes the files; a missing golden
 * fails. A golden is accepted only after it was read (is it what istiod 1.11.8 would produce?).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerKubeInject } from '../../src/cli/kube-inject.js';
import { runMain } from '../../src/cli/program.js';
import { inject } from '../../src/inject/index.js';
import { INJECT_GOLDEN_DIR, loadCase, ROOT, workloadNames } from '../fixtures/workloads/cases.js';

const NAMES = workloadNames();
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/** The golden text to compare with; UPDATE_GOLDEN=1 writes `actual` first. Missing: undefined. */
function golden(name: string, actual: string): string | undefined {
  const path = join(INJECT_GOLDEN_DIR, `${name}.yaml`);
  if (UPDATE) {
    mkdirSync(INJECT_GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
  }
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** The 12 cases issue 9 names; each must exist as a fixture. */
const REQUIRED = [
  'default-sidecar',
  'cni',
  'custom-template',
  'resources',
  'traffic-annotations',
  'hold-application',
  'probe-rewrite',
  'opted-out',
  'job',
  'cronjob',
  'gateway',
  'grpc-agent',
];

describe('kube-inject goldens', () => {
  it('has every case issue 9 names, and at least 12', () => {
    expect(REQUIRED.filter((n) => !NAMES.includes(n))).toEqual([]);
    expect(NAMES.length).toBeGreaterThanOrEqual(12);
  });

  it.each(NAMES)('%s matches its golden (test/golden/inject/<name>.yaml)', (name) => {
    const c = loadCase(name);
    const out = inject({ source: c.source, text: c.text, file: c.file });
    // A skipped workload is reported by one warning saying why; nothing else warns.
    const skipped = out.documents.filter((d) => d.outcome === 'skipped').length;
    expect(out.warnings.map((w) => w.message).filter((m) => !m.includes('not injected')), 'unexpected warnings').toEqual([]);
    expect(out.warnings).toHaveLength(skipped);
    expect(out.documents.map((d) => d.outcome), 'the fixture\'s "# Outcomes:" line').toEqual(c.outcomes);
    const want = golden(name, out.yaml);
    expect(want, `test/golden/inject/${name}.yaml is missing: run UPDATE_GOLDEN=1 npx vitest run test/inject/golden.test.ts and read it`).toBeDefined();
    expect(out.yaml).toBe(want);
  });

  // The command prints the same bytes as the library (cases whose workload is a file of its own).
  it.each(NAMES.filter((n) => loadCase(n).text === readFileSync(join(ROOT, loadCase(n).file), 'utf8')))('istio-installer kube-inject -f %s prints its golden', async (name) => {
    const c = loadCase(name);
    let stdout = '';
    let stderr = '';
    const args = ['kube-inject', '-f', c.file, ...(c.installation !== undefined ? ['--operatorFileName', c.installation] : [])];
    const code = await runMain(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }, { cwd: ROOT }, [registerKubeInject]);
    expect(code, stderr).toBe(0);
    expect(stdout).toBe(readFileSync(join(INJECT_GOLDEN_DIR, `${name}.yaml`), 'utf8'));
  });

  it('injection is deterministic: the same input twice gives the same bytes', () => {
    const c = loadCase('default-sidecar');
    const a = inject({ source: c.source, text: c.text, file: c.file }).yaml;
    const b = inject({ source: loadCase('default-sidecar').source, text: c.text, file: c.file }).yaml;
    expect(b).toBe(a);
  });

  it('every golden file belongs to a fixture (none left behind by a renamed one)', () => {
    if (!existsSync(INJECT_GOLDEN_DIR)) return;
    const expected = new Set(NAMES.map((n) => `${n}.yaml`));
    expect(readdirSync(INJECT_GOLDEN_DIR).filter((f) => !expected.has(f))).toEqual([]);
  });
});
