/**
 * Chart corpus (issue 3 acceptance 1): every case under test/differential/charts/ is rendered by
 * the real helm 3.17.3 and helm 4.1.4 (`helm template <args>`) and by our CLI in-process
 * (`helm template <args> --helm-compat 3|4`), each with the case folder as cwd; stdout, stderr and
 * the exit code must be byte-identical. Nothing is normalised: the cases use relative paths only,
 * and helm runs with HELM_* and KUBECONFIG cleared and TZ=UTC (see charts-harness.ts helmEnv).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  firstDifference,
  HELM_VERSIONS,
  loadChartCases,
  makeTgz,
  runHelmCase,
  runOursCase,
  writeCase,
  type ChartCase,
  type HelmVersion,
  type RunResult,
} from './charts-harness.js';

const cases = loadChartCases();
const scratch = mkdtempSync(join(tmpdir(), 'chart-cases-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let n = 0;
function caseDir(c: ChartCase, helm: HelmVersion): string {
  // A fresh copy per run: a case folder named after the case (never printed: paths are relative).
  const dir = join(scratch, `${String(++n)}-${helm}`, c.name);
  mkdirSync(dir, { recursive: true });
  writeCase(c, dir);
  return dir;
}

// helm runs (cached) start together, a few at a time, so a cold cache costs seconds, not minutes.
const LIMIT = Math.max(2, cpus().length);
let running = 0;
const queue: (() => void)[] = [];
async function pooled<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= LIMIT) await new Promise<void>((r) => queue.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    queue.shift()?.();
  }
}
const helmRuns = new Map<string, { dir: string; result: Promise<RunResult> }>();
for (const helm of HELM_VERSIONS) {
  for (const c of cases) {
    if (c.only !== undefined && c.only !== helm) continue;
    const dir = caseDir(c, helm);
    const result = pooled(() => runHelmCase(helm, c, dir, scratch));
    result.catch(() => undefined); // reported by the case's test
    helmRuns.set(`${helm}/${c.name}`, { dir, result });
  }
}

describe('chart corpus', () => {
  it('has at least 70 cases, each with arguments', () => {
    expect(cases.length).toBeGreaterThanOrEqual(70);
    for (const c of cases) expect(c.args.length, c.name).toBeGreaterThan(0);
  });

  it('builds the same .tgz bytes every time', () => {
    const files = new Map([
      ['Chart.yaml', Buffer.from('apiVersion: v2\nname: x\nversion: 1.0.0\n')],
      ['templates/a.yaml', Buffer.from('a: 1\n')],
    ]);
    expect(makeTgz('x', files).equals(makeTgz('x', new Map([...files].reverse())))).toBe(true);
  });
});

for (const helm of HELM_VERSIONS) {
  describe(`helm template, ours vs ${helm}`, () => {
    for (const c of cases) {
      if (c.only !== undefined && c.only !== helm) continue;
      it(c.name, async () => {
        const run = helmRuns.get(`${helm}/${c.name}`);
        if (!run) throw new Error(`no helm run for ${c.name}`);
        const { dir } = run;
        const helmResult = await run.result;
        // A deliberate difference (safety) is compared with what the case says instead; helm's
        // own result is still measured, and must really differ, or the case is stale.
        if (c.deliberate) {
          const d = c.deliberate;
          const same = helmResult.exitCode === d.exitCode && helmResult.stdout.equals(d.stdout) && helmResult.stderr.equals(d.stderr);
          expect(same, `${c.name}: helm now does what "deliberate" says; drop the override`).toBe(false);
        }
        const expected = c.deliberate ?? helmResult;
        const actual = await runOursCase(helm, c, dir);
        const diffs = [
          expected.exitCode === actual.exitCode ? undefined : `  exit code: helm ${expected.exitCode}, ours ${actual.exitCode}`,
          firstDifference('stdout', expected.stdout, actual.stdout),
          firstDifference('stderr', expected.stderr, actual.stderr),
        ].filter((d): d is string => d !== undefined);
        expect(diffs.join('\n'), `${c.name} (${helm}): helm template ${c.args.join(' ')}`).toBe('');
      });
    }
  });
}
