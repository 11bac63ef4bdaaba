// Regenerates measured.json: writes each case of cases.ts as a chart directory, runs
// `helm template` of helm 3.17.3 and 4.1.4 on it with the case's flags (TZ=UTC, no
// HELM_NAMESPACE) and records stdout, stderr and exit code. Run: npx tsx test/helm/render/measure.ts
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmBinary } from '../../../scripts/helm-binaries.mjs';
import { cases } from './cases.js';
import { specFiles, type ChartSpec } from './charts.js';

const bin = { helm3: await helmBinary('helm3'), helm4: await helmBinary('helm4') };
const scratch = join(tmpdir(), 'helm-render-measure');
function write(dir: string, spec: ChartSpec) {
  for (const [n, t] of specFiles(spec)) { fs.mkdirSync(dir + '/' + n.replace(/\/?[^/]*$/, ''), { recursive: true }); fs.writeFileSync(dir + '/' + n, t); }
}
const out: unknown[] = [];
fs.rmSync(scratch, { recursive: true, force: true });
cases.forEach((c, i) => {
  const dir = `${scratch}/${i}/${c.spec.name}`;
  write(dir, c.spec);
  const o = c.opts ?? {};
  const args = ['template'];
  if (o.releaseName) args.push(o.releaseName as string);
  args.push(dir);
  if (o.namespace) args.push('-n', o.namespace as string);
  if (o.isUpgrade) args.push('--is-upgrade');
  if (o.kubeVersion) args.push('--kube-version', o.kubeVersion as string);
  for (const a of (o.apiVersions as string[]) ?? []) args.push('--api-versions', a);
  if (o.includeCrds) args.push('--include-crds');
  if (o.skipTests) args.push('--skip-tests');
  if (o.noHooks) args.push('--no-hooks');
  for (const a of (o.showOnly as string[]) ?? []) args.push('--show-only', a);
  if (o.debug) args.push('--debug');
  for (const a of (o.set as string[]) ?? []) args.push('--set', a);
  for (const f of (o.valueFiles as { name: string; text: string }[]) ?? []) { fs.writeFileSync(`${scratch}/${i}/${f.name}`, f.text); args.push('-f', f.name); }
  if (o.skipSchemaValidation) args.push('--skip-schema-validation');
  const res: Record<string, unknown> = { name: c.name, spec: c.spec, opts: o, ...(c.pipeline ? { pipeline: true } : {}) };
  for (const h of ['helm3', 'helm4'] as const) {
    const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC' };
    delete env.HELM_NAMESPACE;
    const r = spawnSync(bin[h], args, { cwd: `${scratch}/${i}`, env, encoding: 'utf8' });
    res[h] = { stdout: r.stdout, stderr: r.stderr, code: r.status };
  }
  out.push(res);
});
fs.writeFileSync(new URL('./measured.json', import.meta.url), JSON.stringify(out, null, 1) + '\n');
console.log(out.length, 'cases');
