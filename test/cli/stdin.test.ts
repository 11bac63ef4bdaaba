// `-f -` reads the IstioOperator from standard input, in the built command (npm test builds it).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/istio-installer.cjs', import.meta.url).pathname;
const run = (args: string[], input: string) => spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8' });

describe('-f - reads standard input', () => {
  it('profile dump layers the file from stdin over the profile', () => {
    const r = run(['profile', 'dump', 'minimal', '-f', '-', '--config-path', 'spec.tag'], 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  tag: 1.11.9\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('1.11.9\n');
  });

  it('validate names stdin in its messages', () => {
    const r = run(['validate', '-f', '-'], 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  compnents: {}\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('<stdin>:4:3: error: spec.compnents: unknown field');
  });
});
