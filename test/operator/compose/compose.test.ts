import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeIstioOperator, type ComposeInput } from '../../../src/operator/compose/compose.js';
import type { Issue } from '../../../src/operator/issues.js';
import { TEST_SCHEMA } from './test-schema.js';

const HEAD = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n';
const file = (name: string, body: string) => ({ name, text: HEAD + body });

function ok(input: ComposeInput) {
  const r = composeIstioOperator({ schema: TEST_SCHEMA, ...input });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.path} ${i.message}`).join('\n'));
  return r;
}
function errors(input: ComposeInput): Issue[] {
  const r = composeIstioOperator({ schema: TEST_SCHEMA, ...input });
  if (r.ok) throw new Error('expected composition to fail');
  return r.issues;
}
const spec = (r: { value: Record<string, unknown> }) => r.value['spec'] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('composeIstioOperator', () => {
  it('the default profile alone, with positions in profiles/default.yaml', () => {
    const r = ok({});
    expect(r.profile).toBe('default');
    expect(spec(r).hub).toBe('docker.io/istio');
    expect(spec(r).tag).toBe('1.11.8');
    expect(r.value['metadata']).toEqual({ namespace: 'istio-system' });
    const text = readFileSync(join(__dirname, '../../../profiles/default.yaml'), 'utf8').split('\n');
    const pos = r.sourceMap.get('/spec/tag');
    expect(pos?.file).toBe('profiles/default.yaml');
    expect(text[(pos?.line ?? 0) - 1]?.slice((pos?.column ?? 1) - 1)).toBe('tag: 1.11.8');
  });

  it('layers default, the named profile, files left to right, then --set', () => {
    const r = ok({
      profile: 'demo',
      files: [file('a.yaml', 'spec:\n  hub: a\n  tag: a\n  values:\n    pilot:\n      env:\n        A: "1"\n'), file('b.yaml', 'spec:\n  tag: b\n  values:\n    pilot:\n      env:\n        B: "2"\n')],
      set: ['tag=c'],
    });
    expect(r.profile).toBe('demo');
    expect(spec(r).hub).toBe('a');
    expect(spec(r).tag).toBe('c');
    expect(spec(r).values.pilot.env).toEqual({ A: '1', B: '2' });
    expect(spec(r).values.pilot.autoscaleEnabled).toBe(false); // demo
    expect(spec(r).values.pilot.image).toBe('pilot'); // default
    expect(r.sourceMap.get('/spec/hub')).toEqual({ file: 'a.yaml', line: 4, column: 3 });
    expect(r.sourceMap.get('/spec/values/pilot/env/B')).toEqual({ file: 'b.yaml', line: 8, column: 9 });
    expect(r.sourceMap.get('/spec/tag')).toEqual({ file: '--set', line: 1, column: 5 });
    expect(r.sourceMap.get('/spec/meshConfig/accessLogFile')?.file).toBe('profiles/demo.yaml');
    expect(r.sourceMap.get('/spec/values/pilot/autoscaleEnabled')?.file).toBe('profiles/demo.yaml');
    expect(r.sourceMap.get('/spec/values/pilot/image')?.file).toBe('profiles/default.yaml');
  });

  it('--set reaches gateway entries that come from the profile', () => {
    const r = ok({ set: ['components.ingressGateways[name:istio-ingressgateway].k8s.replicaCount=3', 'components.egressGateways[0].enabled=true'] });
    expect(spec(r).components.ingressGateways).toEqual([{ name: 'istio-ingressgateway', enabled: true, k8s: { replicaCount: 3 } }]);
    expect(spec(r).components.egressGateways[0].enabled).toBe(true);
  });

  it('a user gateway is added next to the profile gateway (merge by name)', () => {
    const r = ok({ files: [file('gw.yaml', 'spec:\n  components:\n    ingressGateways:\n      - name: user-gw\n        enabled: true\n')] });
    expect(spec(r).components.ingressGateways.map((g: { name: string }) => g.name)).toEqual(['istio-ingressgateway', 'user-gw']);
  });

  describe('which profile', () => {
    const f = file('p.yaml', 'spec:\n  profile: minimal\n');
    it('the files\' spec.profile (the last file that sets it)', () => {
      expect(ok({ files: [file('q.yaml', 'spec:\n  profile: demo\n'), f] }).profile).toBe('minimal');
    });
    it('--set profile wins over files', () => {
      const r = ok({ files: [f], set: ['profile=preview'] });
      expect(r.profile).toBe('preview');
      expect(spec(r).profile).toBe('preview');
    });
    it('the explicit profile wins over --set profile', () => {
      expect(ok({ profile: 'empty', files: [f], set: ['profile=preview'] }).profile).toBe('empty');
    });
    it('an empty profile means default', () => {
      expect(ok({ profile: '' }).profile).toBe('default');
    });
    it('an unknown profile is an issue with a suggestion', () => {
      const [i] = errors({ profile: 'dmeo' });
      expect(i).toMatchObject({ code: 'unknown-profile', path: 'spec.profile', suggestion: 'did you mean "demo"?' });
      expect(i?.message).toContain('default, demo, empty, external, minimal, openshift, preview, remote');
    });
    it('--set profile=unknown points at the flag', () => {
      const [i] = errors({ set: ['hub=x', 'profile=nope'] });
      expect(i).toMatchObject({ code: 'unknown-profile', source: { file: '--set', line: 2, column: 9 } });
    });
    it('a file path as profile name says to use -f', () => {
      const [i] = errors({ profile: './my-profile.yaml' });
      expect(i?.suggestion).toMatch(/pass it with -f/);
    });
  });

  it('reports the problems of every file and flag at once', () => {
    const issues = errors({
      files: [{ name: 'broken.yaml', text: 'a: [\n' }, file('ok.yaml', 'spec: {}\n'), { name: 'kind.yaml', text: 'apiVersion: v1\nkind: ConfigMap\n' }],
      set: ['nope', 'components.pilot.enabled=yes'],
    });
    expect(issues.map((i) => `${i.source?.file} ${i.code}`).sort()).toEqual(['--set invalid-set-flag', 'broken.yaml yaml-syntax', 'kind.yaml wrong-api-version', 'kind.yaml wrong-kind']);
  });

  it('typed --set errors after composition are issues too', () => {
    const [i] = errors({ set: ['components.pilot.enabled=yes'] });
    expect(i).toMatchObject({ code: 'invalid-set-value', path: 'spec.components.pilot.enabled', source: { file: '--set', line: 1, column: 26 } });
  });

  it('a gateway without a name in a file is an issue at its line', () => {
    const [i] = errors({ files: [file('gw.yaml', 'spec:\n  components:\n    ingressGateways:\n      - enabled: true\n')] });
    expect(i).toMatchObject({ code: 'missing-merge-key', path: 'spec.components.ingressGateways[0]', source: { file: 'gw.yaml', line: 6, column: 9 } });
  });

  it('warns that installPackagePath is not read', () => {
    const r = ok({ set: ['installPackagePath=/tmp/istio'] });
    expect(r.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'install-package-path-ignored']]);
    expect(spec(r).installPackagePath).toBe('/tmp/istio');
  });

  it('aliases hub, tag and revision are ordinary spec fields', () => {
    const r = ok({ set: ['hub=foo', 'tag=bar', 'revision=canary'] });
    expect([spec(r).hub, spec(r).tag, spec(r).revision]).toEqual(['foo', 'bar', 'canary']);
  });

  it('does not share state between calls (profiles are cached, results are fresh)', () => {
    const a = ok({ set: ['values.pilot.env.X=1'] });
    spec(a).values.global.hub = 'changed';
    const b = ok({});
    expect(spec(b).values.pilot.env).toEqual({});
    expect(spec(b).values.global.hub).toBeUndefined();
    expect(b.sourceMap.get('/spec/values/pilot/env/X')).toBeUndefined();
  });

  it('uses the bundled schema when none is given', () => {
    const r = composeIstioOperator({ set: ['tag=1.10', 'meshConfig.defaultConfig.proxyMetadata.X=false', 'components.pilot.enabled=false'] });
    if (!r.ok) throw new Error('compose');
    expect(spec(r).tag).toBe('1.10');
    expect(spec(r).meshConfig.defaultConfig.proxyMetadata.X).toBe('false');
    expect(spec(r).components.pilot.enabled).toBe(false);
  });
});

describe('remote profile', () => {
  it('warns until values.global.remotePilotAddress is set', () => {
    expect(ok({ profile: 'remote' }).issues.map((i) => [i.severity, i.code, i.path])).toEqual([['warning', 'remote-pilot-address-missing', 'spec.values.global.remotePilotAddress']]);
    const r = ok({ profile: 'remote', set: ['values.global.remotePilotAddress=192.0.2.10'] });
    expect(r.issues).toEqual([]);
    expect(spec(r).values.global.remotePilotAddress).toBe('192.0.2.10');
  });
});

describe('installPackagePath (istioctl --manifests/-d): profiles from a directory', () => {
  const dir = new Map([
    ['/pkg/default', `${HEAD}spec:\n  hub: pkg.example/istio\n  tag: "9"\n`],
    ['/pkg/custom', `${HEAD}spec:\n  tag: custom\n`],
  ]);
  const readProfile = (path: string, name: string) => {
    const text = dir.get(`${path}/${name}`);
    return text === undefined ? undefined : { file: `${path}/profiles/${name}.yaml`, text };
  };
  it('reads default and the named profile through readProfile', () => {
    const r = ok({ profile: 'custom', set: ['installPackagePath=/pkg'], readProfile });
    expect([spec(r).hub, spec(r).tag, r.profile]).toEqual(['pkg.example/istio', 'custom', 'custom']);
    expect(r.sourceMap.get('/spec/tag')).toEqual({ file: '/pkg/profiles/custom.yaml', line: 4, column: 3 });
    expect(r.issues).toEqual([]);
  });
  it('takes installPackagePath from a file too', () => {
    const r = ok({ files: [file('f.yaml', 'spec:\n  installPackagePath: /pkg\n  profile: custom\n')], readProfile });
    expect(spec(r).tag).toBe('custom');
  });
  it('a profile missing from the directory is an issue at the flag', () => {
    const [i] = errors({ profile: 'demo', set: ['installPackagePath=/pkg'], readProfile });
    expect(i).toMatchObject({ code: 'unknown-profile', source: { file: '--set', line: 1, column: 20 } });
    expect(i?.message).toContain('/pkg/profiles/demo.yaml');
  });
  it('a URL is an issue (nothing is downloaded)', () => {
    const [i] = errors({ set: ['installPackagePath=https://example.com/istio.tgz'], readProfile });
    expect(i?.code).toBe('install-package-url');
  });
});
