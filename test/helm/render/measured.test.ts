// Every case of measured.json (charts rendered by helm 3.17.3 and 4.1.4 with the given flags,
// stdout/stderr/exit code recorded) replayed through renderResolved: same stdout, and the same
// stderr (warnings then the error text). With --debug helm writes debug logs and (helm 3) a Go
// stack trace to stderr; there only stdout and the `Error:` line are compared.
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import type { Compat } from '../../../src/gotemplate/template.js';
import { parseKubeVersion, type KubeVersion } from '../../../src/helm/kube-version.js';
import type { ResolvedRenderOptions } from '../../../src/helm/render-resolved.js';
import { renderSpec, type ChartSpec } from './charts.js';
import { expectLikeHelm, type Outcome } from './compare.js';

interface Measured {
  name: string;
  spec: ChartSpec;
  opts: Omit<ResolvedRenderOptions, 'compat' | 'kubeVersion'> & { kubeVersion?: string };
  helm3: Outcome;
  helm4: Outcome;
  /** Needs values coalescing or dependency processing: only render-chart.test.ts runs it. */
  pipeline?: boolean;
}

const cases = (JSON.parse(readFileSync(new URL('./measured.json', import.meta.url), 'utf8')) as Measured[]).filter((c) => !c.pipeline);

function run(c: Measured, compat: Compat): Outcome {
  const { kubeVersion: kvText, ...rest } = c.opts;
  let kubeVersion: KubeVersion | undefined;
  if (kvText !== undefined) {
    const kv = parseKubeVersion(kvText, compat);
    if (!kv.ok) return { stdout: '', stderr: `Error: ${kv.error}\n`, code: 1 };
    kubeVersion = kv.value;
  }
  const r = renderSpec(c.spec, { ...rest, compat, ...(kubeVersion ? { kubeVersion } : {}) });
  const logs = r.logs.join('');
  if (r.ok) return { stdout: r.stdout, stderr: logs, code: 0 };
  return { stdout: r.stdout, stderr: logs + r.error.stderr(compat), code: 1 };
}

describe('renderResolved against measured helm output', () => {
  for (const c of cases) {
    for (const compat of ['helm3', 'helm4'] as const) {
      it(`${compat}: ${c.name}`, () => {
        expectLikeHelm(run(c, compat), c[compat], c.opts.debug === true);
      });
    }
  }
});
