// `-f -` (and `manifest diff -`) read standard input in the built command (npm test builds it), as `profile dump -f -` does.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/istio-installer.cjs', import.meta.url).pathname;
const run = (args: string[], input: string) => spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8' });
const IOP = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  components:\n    pilot:\n      k8s:\n        replicaCount: 3\n';

describe('manifest -f - / diff -', () => {
  it('manifest generate layers the file from stdin', () => {
    const r = run(['manifest', 'generate', '-f', '-', '--component', 'Pilot'], IOP);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\n {2}replicas: 3\n/);
  });

  it('errors name <stdin> with line and column', () => {
    const r = run(['manifest', 'generate', '-f', '-'], 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  compnents: {}\n');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('<stdin>:4:3: error: spec.compnents');
  });

  it('manifest diff compares stdin with itself', () => {
    const r = run(['manifest', 'diff', '-', '-'], 'kind: ConfigMap\nmetadata: {name: a}\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('The manifests are identical (1 object compared).\n');
  });
});
